package org.lampyris.tests.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One server under test, started as a process of its own, on a free loopback port. Its boot time runs from just
 * before the process is started to the first 2.05 answer to a GET on the measured path. {@link #close()} stops it with
 * SIGTERM, kills it if it does not stop, and removes its data directory.
 */
final class ServerProcess implements AutoCloseable {
    private static final long BOOT_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(90);
    private static final String LISTENING = "listening on coap://";

    private final Side side;
    private final Process process;
    private final int port;
    private final Path log;
    private final Path dataDir;
    private final long bootNanos;
    private final long startedNanos;
    private final boolean ownsDataDir;
    private final boolean singleCore;

    private final int dtlsPort;

    private ServerProcess(Side side, Process process, int port, int dtlsPort, Path log, Path dataDir,
            long startedNanos, long bootNanos, boolean ownsDataDir, boolean singleCore) {
        this.startedNanos = startedNanos;
        this.ownsDataDir = ownsDataDir;
        this.singleCore = singleCore;
        this.dtlsPort = dtlsPort;
        this.side = side;
        this.process = process;
        this.port = port;
        this.log = log;
        this.dataDir = dataDir;
        this.bootNanos = bootNanos;
    }

    /**
     * Starts a server and waits until it answers on {@code path} and has logged that it listens.
     *
     * @param command builds the command line for a port and a data directory
     * @param onStart told of the process the moment it exists, so that it is stopped even if this method fails
     */
    static ServerProcess start(Side side, ServerLaunch command, String path, Path log,
            java.util.function.Consumer<Process> onStart) throws IOException, InterruptedException {
        return start(side, command, List.of(), path, log, onStart);
    }

    /**
     * Starts a server with further options of the platform's command line (see
     * {@link ServerLaunch#commandLine(Side, int, int, Path, List)}).
     */
    static ServerProcess start(Side side, ServerLaunch command, List<String> extra, String path, Path log,
            java.util.function.Consumer<Process> onStart) throws IOException, InterruptedException {
        return start(side, command, extra, path, log, onStart, null);
    }

    /**
     * Starts a server on a data directory the caller keeps (null: a fresh one of its own, removed on close), so that
     * a second boot finds what a first one left, as a post that is powered every evening does.
     */
    static ServerProcess start(Side side, ServerLaunch command, List<String> extra, String path, Path log,
            java.util.function.Consumer<Process> onStart, Path keptDataDir) throws IOException, InterruptedException {
        int port = CoapProbe.freePort();
        int dtlsPort = CoapProbe.freePort();
        boolean owns = keptDataDir == null;
        Path dataDir = owns ? Files.createTempDirectory("lampyris-benchmark-") : keptDataDir;
        List<String> commandLine = command.commandLine(side, port, dtlsPort, dataDir, extra);
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(commandLine).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(command.environment(side));
        long started = System.nanoTime();
        Process process = builder.start();
        onStart.accept(process);
        ServerProcess server;
        try {
            long answered = CoapProbe.firstAnswer(port, path, started + BOOT_TIMEOUT_NANOS, process);
            server = new ServerProcess(side, process, port, dtlsPort, log, dataDir, started, answered - started,
                    owns, command.singleCore());
        } catch (IOException | RuntimeException e) {
            stop(process);
            if (owns) {
                deleteTree(dataDir);
            }
            throw new IOException(side.label() + " did not answer: " + e.getMessage() + "\n" + tail(log), e);
        }
        try {
            server.awaitListeningLine(started + BOOT_TIMEOUT_NANOS);
        } catch (IOException | RuntimeException | InterruptedException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private void awaitListeningLine(long deadline) throws IOException, InterruptedException {
        while (!Files.readString(log, StandardCharsets.UTF_8).contains(LISTENING)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IOException(side.label() + " answered but never logged '" + LISTENING + "'\n" + tail(log));
            }
            Thread.sleep(20);
        }
    }

    Side side() {
        return side;
    }

    /** @return the process id; {@code bin/lampyris} ends in {@code exec java}, so this is the JVM on both sides */
    long pid() {
        return process.pid();
    }

    /** @return the CoAPS port the server was given */
    int dtlsPort() {
        return dtlsPort;
    }

    int port() {
        return port;
    }

    long bootNanos() {
        return bootNanos;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stop(process);
        if (ownsDataDir) {
            deleteTree(dataDir);
        }
    }

    /** @return the {@link System#nanoTime()} just before the process was started */
    long startedNanos() {
        return startedNanos;
    }

    /** @return whether it runs in the single-core profile, so that its load generator is pinned too */
    boolean singleCore() {
        return singleCore;
    }

    /** @return the process, to notice that it exits */
    Process process() {
        return process;
    }

    /** Stops a process with SIGTERM, and kills it (and anything it started) if it does not stop in 15 s. */
    static void stop(Process process) throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
