package org.lampyris.tests.e2e;

import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.FileReader;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.lampyris.testkit.SharedFolder;
import org.junit.jupiter.api.Assumptions;

/**
 * A power-cut model: LazyFS (INESC TEC, built from {@code ../shared/lazyfs} into {@code target/lazyfs}), a FUSE file
 * system that keeps every write not yet fsynced in a cache of its own and drops that cache on command, as a power cut
 * drops the kernel's dirty pages. A post whose data directory is on {@link #root()} and is killed with
 * {@link #cut(Process)} comes back with exactly what it forced to the storage. SIGKILL alone cannot show a loss: the
 * kernel writes a killed process's data back anyway.
 * <p>
 * Where there is no {@code /dev/fuse}, LazyFS cannot be built, or mounting is not permitted, {@link #mount} aborts the
 * test with the reason (JUnit reports it skipped); it never passes silently. {@link #close()} unmounts.
 */
final class LazyFs implements AutoCloseable {
    private static final Path SOURCES = sources();
    private static final Path BUILD = Path.of(System.getProperty("lampyris.lazyfs.build", "target/lazyfs"))
            .toAbsolutePath().normalize();
    private static final long TIMEOUT_SECONDS = 60;

    private final Path binary;
    private final Path work;
    private final Path mountPoint;
    private final Path commands;
    private final Path completions;
    private Process lazyfs;
    private BufferedReader completed;
    private int cuts;

    private LazyFs(Path binary, Path work) {
        this.binary = binary;
        this.work = work;
        this.mountPoint = work.resolve("mnt");
        this.commands = work.resolve("faults.fifo");
        this.completions = work.resolve("completed.fifo");
    }

    /**
     * Builds LazyFS if need be and mounts it in {@code work}.
     *
     * @throws org.opentest4j.TestAbortedException (a skipped test) where this machine cannot run LazyFS, saying why
     */
    static LazyFs mount(Path work) throws Exception {
        assume(Files.exists(Path.of("/dev/fuse")), "there is no /dev/fuse on this machine, so LazyFS cannot mount");
        LazyFs fs = new LazyFs(build(), work);
        Files.createDirectories(fs.mountPoint);
        Files.createDirectories(work.resolve("storage"));
        Files.writeString(work.resolve("lazyfs.toml"), """
                [faults]
                fifo_path="%s"
                fifo_path_completed="%s"
                [cache]
                apply_eviction=false
                [cache.simple]
                custom_size="256mb"
                blocks_per_page=1
                [filesystem]
                log_all_operations=false
                logfile=""
                """.formatted(fs.commands, fs.completions));
        fs.start();
        return fs;
    }

    /** @return the mounted folder: what a post writes below it survives a cut only once forced */
    Path root() {
        return mountPoint;
    }

    /** @return how many cuts this mount has taken */
    int cuts() {
        return cuts;
    }

    /**
     * Cuts the power under a post: SIGKILL (the post's last instant), then LazyFS drops every write that was not
     * forced, then it is mounted afresh, so that nothing the kernel kept of the old mount survives either.
     */
    void cut(Process post) throws Exception {
        post.destroyForcibly();
        if (!post.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the post did not die of SIGKILL within 30 s");
        }
        clearCache();
        cuts++;
        stop();
        start();
    }

    /** Drops every write not yet forced, as a power cut would, and waits until LazyFS says it is done. */
    void clearCache() throws Exception {
        try (FileOutputStream out = new FileOutputStream(commands.toFile())) {
            out.write("lazyfs::clear-cache\n".getBytes(StandardCharsets.US_ASCII));
        }
        String answer = within("LazyFS to clear its cache", completed::readLine);
        if (!"finished::clear-cache".equals(answer)) {
            throw new IllegalStateException("LazyFS answered '" + answer + "' to clear-cache; see " + log());
        }
    }

    @Override
    public void close() throws Exception {
        stop();
    }

    /**
     * The LazyFS sources: {@code -Dlampyris.lazyfs.src}, else {@code shared/lazyfs} beside the checkout, else beside the
     * repository a clone was made from (CI tests a clone made elsewhere, such as {@code /tmp/clean}).
     */
    private static Path sources() {
        return SharedFolder.locate(Path.of("../.."), "lazyfs", "lampyris.lazyfs.src");
    }

    private static Path build() throws Exception {
        Path script = SOURCES.resolve("build.sh");
        assume(Files.isRegularFile(script), "the LazyFS sources are not at " + SOURCES
                + " (-Dlampyris.lazyfs.src names them)");
        Path binary = BUILD.resolve("lazyfs/lazyfs");
        if (Files.isExecutable(binary)) {
            return binary;
        }
        // The test command runs test classes in two JVMs: one builds, the other waits for it and takes its result.
        Files.createDirectories(BUILD);
        try (FileChannel lock = FileChannel.open(BUILD.resolve(".build.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock held = lock.lock()) {
            return buildHolding(script, binary);
        }
    }

    private static Path buildHolding(Path script, Path binary) throws Exception {
        if (Files.isExecutable(binary)) {
            return binary;
        }
        for (String tool : List.of("cmake", "g++")) {
            assume(run(List.of("sh", "-c", "command -v " + tool)) == 0, "LazyFS cannot be built here: no " + tool
                    + " (apt-get install cmake g++ libfuse3-dev fuse3 libtoml11-dev libspdlog-dev)");
        }
        System.out.println("Building LazyFS from " + SOURCES + " into " + BUILD + " (about a minute)");
        int exit = run(List.of("bash", script.toString(), BUILD.toString()));
        Path buildLog = BUILD.resolve("build.log");
        String tail = Files.exists(buildLog) ? tail(Files.readString(buildLog), 1500) : "";
        assume(exit == 0 && Files.isExecutable(binary), "LazyFS did not build (" + BUILD
                + "/build.log; libfuse3-dev, libtoml11-dev and libspdlog-dev are needed):\n" + tail);
        return binary;
    }

    private void start() throws Exception {
        Files.deleteIfExists(commands);
        Files.deleteIfExists(completions);
        lazyfs = new ProcessBuilder(binary.toString(), mountPoint.toString(), "--config-path",
                work.resolve("lazyfs.toml").toString(), "-o", "modules=subdir", "-o",
                "subdir=" + work.resolve("storage"), "-f")
                .redirectErrorStream(true).redirectOutput(work.resolve("lazyfs.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (!mounted()) {
            if (!lazyfs.isAlive()) {
                assume(false, "LazyFS could not mount (is mounting permitted here?), exit " + lazyfs.exitValue()
                        + ":\n" + tail(log(), 1500));
            }
            if (System.nanoTime() > deadline) {
                lazyfs.destroyForcibly();
                throw new IllegalStateException("LazyFS did not mount within " + TIMEOUT_SECONDS + " s:\n" + log());
            }
            Thread.sleep(50);
        }
        // LazyFS opens the completion fifo for writing once a reader opens it; each opens only when the other does.
        completed = within("LazyFS's completion fifo", () -> new BufferedReader(new FileReader(completions.toFile(),
                StandardCharsets.US_ASCII)));
    }

    private void stop() throws Exception {
        if (lazyfs == null) {
            return;
        }
        if (mounted()) {
            boolean fusermount = run(List.of("sh", "-c", "command -v fusermount3")) == 0;
            int exit = run(fusermount ? List.of("fusermount3", "-u", mountPoint.toString())
                    : List.of("umount", mountPoint.toString()));
            if (exit != 0 || mounted()) {
                run(List.of("umount", "-l", mountPoint.toString()));
            }
        }
        // LazyFS aborts (SIGABRT) as it unmounts; what counts is that it is gone.
        if (!lazyfs.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            lazyfs.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (completed != null) {
            completed.close();
            completed = null;
        }
        lazyfs = null;
    }

    private boolean mounted() throws IOException {
        String entry = " " + mountPoint + " ";
        return Files.readAllLines(Path.of("/proc/mounts")).stream().anyMatch(line -> line.contains(entry));
    }

    private String log() throws IOException {
        Path log = work.resolve("lazyfs.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private static void assume(boolean condition, String reason) {
        if (!condition) {
            System.out.println("Power-cut tests skipped: " + reason);
        }
        Assumptions.assumeTrue(condition, reason);
    }

    private static int run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    private static String tail(String text, int chars) {
        return text.length() <= chars ? text : "..." + text.substring(text.length() - chars);
    }

    private interface Step<T> {
        T run() throws Exception;
    }

    private static <T> T within(String what, Step<T> step) throws Exception {
        CompletableFuture<T> future = CompletableFuture.supplyAsync(() -> {
            try {
                return step.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("waited " + TIMEOUT_SECONDS + " s for " + what, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + ": " + e.getCause().getMessage(), e.getCause());
        }
    }
}
