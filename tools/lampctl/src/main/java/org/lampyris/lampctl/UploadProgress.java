package org.lampyris.lampctl;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Shows an upload's progress on standard error: bytes the post has acknowledged out of the total. On a terminal one
 * line is rewritten in place; otherwise (a log, a test) a line is written each time another tenth has arrived, so a
 * long rollout's log stays readable.
 */
final class UploadProgress {
    private final PrintStream err;
    private final String label;
    private final long total;
    private final boolean terminal;
    private int tenthsShown = -1;
    private long acknowledged;
    private boolean ended;

    /**
     * @param err where to write
     * @param label what is uploaded where, e.g. {@code 127.0.0.1:5684: PUT /mgmt/bundles/org.lampyris.dimming}
     * @param total the number of bytes to send
     * @param terminal whether err is a terminal
     */
    UploadProgress(PrintStream err, String label, long total, boolean terminal) {
        this.err = err;
        this.label = label;
        this.total = total;
        this.terminal = terminal;
    }

    /** The post has acknowledged everything up to this byte (a 2.31 Continue). */
    synchronized void acknowledged(long bytes) {
        acknowledged = Math.min(Math.max(acknowledged, bytes), total);
        show(false);
    }

    /** The post acknowledged the last block and works on the request (a separate response is to come). */
    synchronized void working() {
        if (ended) {
            return;
        }
        acknowledged = total;
        show(true);
        end();
        err.println(label + ": received; waiting for the post to apply it");
    }

    /** The answer arrived. */
    synchronized void finished(boolean success) {
        if (ended) {
            return;
        }
        if (success) {
            acknowledged = total;
        }
        show(true);
        end();
    }

    private void show(boolean last) {
        int tenths = total == 0 ? 10 : (int) (acknowledged * 10 / total);
        if (terminal) {
            err.print("\r" + line());
            err.flush();
            return;
        }
        if (tenths > tenthsShown || (last && tenths < 10)) {
            tenthsShown = tenths;
            err.println(line());
        }
    }

    private void end() {
        if (terminal) {
            err.println();
        }
        ended = true;
    }

    private String line() {
        long percent = total == 0 ? 100 : acknowledged * 100 / total;
        return String.format(Locale.ROOT, "%s: %d/%d bytes (%d%%)", label, acknowledged, total, percent);
    }
}
