package org.lampyris.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a tool of the JDK that runs the tests ({@code jarsigner}, {@code keytool}), as a vendor's build would. */
final class JdkTool {
    private JdkTool() {
    }

    /** Runs the tool and fails with its output if it does not end well within a minute. */
    static void run(String tool, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", tool).toString());
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(tool + " " + String.join(" ", args) + " did not end within 60 s: " + output);
        }
        if (p.exitValue() != 0) {
            throw new IOException(tool + " " + String.join(" ", args) + " failed: " + output);
        }
    }
}
