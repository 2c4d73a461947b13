package org.lampyris.management.log;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The last lines written through a stream, kept in a bounded ring. */
final class LogTail {
    /** A line longer than this is kept cut, so that one runaway message cannot fill the memory. */
    static final int MAX_LINE = 2000;

    private final int kept;
    private final Deque<String> lines = new ArrayDeque<>();

    LogTail(int kept) {
        this.kept = kept;
    }

    /** @return a stream that writes to {@code out} and keeps each complete line here */
    PrintStream tee(PrintStream out) {
        Charset charset = Charset.defaultCharset();
        return new PrintStream(new OutputStream() {
            private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

            @Override
            public void write(int b) {
                out.write(b);
                take(new byte[] { (byte) b }, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                out.write(b, off, len);
                take(b, off, len);
            }

            @Override
            public void flush() {
                out.flush();
            }

            private synchronized void take(byte[] b, int off, int len) {
                for (int i = off; i < off + len; i++) {
                    if (b[i] == '\n') {
                        add(line.toString(charset));
                        line.reset();
                    } else if (line.size() < MAX_LINE * 4) {
                        line.write(b[i]);
                    }
                }
            }
        }, true, charset);
    }

    synchronized void add(String line) {
        String clean = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        lines.addLast(clean.length() <= MAX_LINE ? clean : clean.substring(0, MAX_LINE) + "...");
        while (lines.size() > kept) {
            lines.removeFirst();
        }
    }

    /** @return the last {@code n} lines, oldest first */
    synchronized List<String> last(int n) {
        List<String> all = new ArrayList<>(lines);
        return all.subList(Math.max(0, all.size() - n), all.size());
    }
}
