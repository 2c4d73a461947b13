package org.lampyris.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Finds a folder of the read-only {@code shared/} files the project reads and never copies (the LazyFS sources, the
 * Smart Data Models): given by a system property, else beside the checkout, else beside the repository a clone was
 * made from (CI tests a clone made elsewhere, such as {@code /tmp/clean}).
 */
public final class SharedFolder {
    private SharedFolder() {
    }

    /**
     * @param projectRoot the root of the checkout
     * @param name        the folder under {@code shared/}, e.g. {@code lazyfs}
     * @param property    the system property that names the folder instead
     * @return the folder; where it is found nowhere, the one beside the checkout, for a message to name
     */
    public static Path locate(Path projectRoot, String name, String property) {
        String given = System.getProperty(property);
        if (given != null) {
            return Path.of(given).toAbsolutePath().normalize();
        }
        Path project = projectRoot.toAbsolutePath().normalize();
        Path beside = project.resolveSibling("shared").resolve(name);
        if (Files.isDirectory(beside)) {
            return beside;
        }
        try {
            Process git = new ProcessBuilder("git", "-C", project.toString(), "config", "--get", "remote.origin.url")
                    .redirectErrorStream(true).start();
            String origin = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (git.waitFor(10, TimeUnit.SECONDS) && git.exitValue() == 0 && !origin.isEmpty()
                    && Files.isDirectory(Path.of(origin))) {
                Path fromOrigin = Path.of(origin).toAbsolutePath().normalize().resolveSibling("shared").resolve(name);
                if (Files.isDirectory(fromOrigin)) {
                    return fromOrigin;
                }
            }
        } catch (IOException | InterruptedException | InvalidPathException e) {
            // no git, or an origin that is not a folder: the files are where they were looked for first
        }
        return beside;
    }
}
