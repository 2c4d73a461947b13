package org.lampyris.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * What a running process prints, collected as it comes on a thread of its own, so that a test can wait for it (an
 * observer's first notification, say) before it acts, instead of sleeping and hoping it came. Output that does not end
 * a line counts too: some clients print one notification after another without a line break.
 */
public final class ProcessOutput {
    private final StringBuffer text = new StringBuffer();
    private final Thread reader;

    private ProcessOutput(InputStream output, String name) {
        reader = new Thread(() -> {
            char[] chunk = new char[4096];
            try (Reader in = new InputStreamReader(output, StandardCharsets.UTF_8)) {
                for (int n; (n = in.read(chunk)) >= 0;) {
                    text.append(chunk, 0, n);
                }
            } catch (IOException e) {
                // The stream was closed under the reader (the process was destroyed): what it printed is kept.
            }
        }, "process-output-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts collecting what a process prints on its standard output (with its errors if they are redirected). */
    public static ProcessOutput of(Process process) {
        return new ProcessOutput(process.getInputStream(), Long.toString(process.pid()));
    }

    /**
     * Waits until what the process printed so far satisfies a check, for at most {@code within}.
     *
     * @param what what is awaited, as the end of "waiting until ...", e.g. {@code "the observer prints 20"}
     * @return what it printed so far
     */
    public String await(String what, Duration within, Predicate<String> printed) throws Exception {
        return Await.until(what, within, text::toString, printed);
    }

    /**
     * Waits until the output ends (the process closed it, usually by ending), for at most {@code within}.
     *
     * @return everything the process printed
     */
    public String all(Duration within) throws InterruptedException {
        reader.join(within.toMillis());
        if (reader.isAlive()) {
            throw new AssertionError("the output did not end within " + within + "; printed so far: " + text);
        }
        return text.toString();
    }
}
