package org.lampyris.lampctl;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** One lampctl run inside the test, with what it printed. */
record Run(ExitCode exit, String out, String err) {

    /** Runs with an environment whose only variable keeps rollouts' default state files under target/. */
    static Run of(String... args) {
        return withEnv(Map.of("XDG_STATE_HOME", java.nio.file.Path.of("target/lampctl-state").toAbsolutePath()
                .toString()), args);
    }

    static Run withEnv(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ExitCode exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = new Main(o, e, env, false).run(args);
        }
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
