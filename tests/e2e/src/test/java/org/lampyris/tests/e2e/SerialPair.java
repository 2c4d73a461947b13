package org.lampyris.tests.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A pair of connected pseudo-terminals made by {@code socat} (Debian package socat; {@code .ci/run} installs it): a
 * null-modem cable in software, so that Modbus RTU framing is tested on a real serial line discipline without
 * hardware. Each end is a symbolic link to its /dev/pts device.
 */
final class SerialPair implements AutoCloseable {
    static final String SOCAT = "/usr/bin/socat";

    private final Process process;
    final Path post;
    final Path device;

    /** @return whether socat is installed */
    static boolean available() {
        boolean installed = Files.isExecutable(Path.of(SOCAT));
        if (!installed && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("Debian's socat is not installed; .ci/run installs it");
        }
        return installed;
    }

    /** Makes the pair, its ends linked as {@code dir/ttyPost} and {@code dir/ttyDevice}. */
    SerialPair(Path dir) throws Exception {
        post = dir.resolve("ttyPost");
        device = dir.resolve("ttyDevice");
        process = new ProcessBuilder(SOCAT, "-d", "-d", "pty,raw,echo=0,link=" + post,
                "pty,raw,echo=0,link=" + device).redirectErrorStream(true)
                .redirectOutput(dir.resolve("socat.log").toFile()).start();
        for (int i = 0; i < 100 && !(Files.exists(post) && Files.exists(device)); i++) {
            if (!process.isAlive()) {
                throw new IOException("socat exited: " + Files.readString(dir.resolve("socat.log")));
            }
            Thread.sleep(50);
        }
        if (!(Files.exists(post) && Files.exists(device))) {
            close();
            throw new IOException("socat made no pseudo-terminal pair within 5 s");
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
