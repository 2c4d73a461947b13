package org.lampyris.tests.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One GET load on a server, over plain CoAP or DTLS: a {@link LoadGenerator} process, and the server's CPU time over
 * exactly the window the generator measures, read from {@code /proc} when the generator says the window starts and
 * ends, in total and by thread ({@link ThreadProfile}); and the generator's own CPU time over the same window, so that
 * a reader sees that the client is not what limits the figures.
 */
final class GetLoad {
    /** The load generator's own JVM flags: small and steady, so that it leaves the CPU to the server. */
    static final List<String> GENERATOR_JVM = List.of("-Xms32m", "-Xmx128m", "-XX:+UseSerialGC");

    /**
     * What one load measured.
     *
     * @param result         the generator's figures
     * @param serverCpuNanos user plus system CPU time of the server during the measured window
     * @param threads        the server's cost per answered request by group of threads, during the window
     * @param generatorCpuNanos user plus system CPU time of the load generator during the measured window
     * @param generatorThreads  the load generator's cost per answered request by group of threads
     */
    record Measured(LoadResult result, long serverCpuNanos, Map<String, ThreadProfile.Cost> threads,
            long generatorCpuNanos, Map<String, ThreadProfile.Cost> generatorThreads) {
        /** @return server CPU time per answered request, in microseconds */
        double cpuMicrosPerRequest() {
            return perRequest(serverCpuNanos);
        }

        /** @return the load generator's CPU time per answered request, in microseconds */
        double generatorCpuMicrosPerRequest() {
            return perRequest(generatorCpuNanos);
        }

        private double perRequest(long nanos) {
            return result.answered() == 0 ? 0 : nanos / 1000.0 / result.answered();
        }
    }

    /** The group of threads that ended within a window. */
    static final String ENDED_THREADS = "(ended threads)";

    private GetLoad() {
    }

    /**
     * Runs the generator against a server and waits for its result.
     *
     * @param dtls    the pre-shared key to load the server's DTLS port with, or null for its plain CoAP port
     * @param onStart told of the generator process the moment it exists, so that it is stopped even if this fails
     */
    static Measured run(ServerProcess server, String path, PskKey dtls, ProcessStats stats, int outstanding,
            double warmupSeconds, double durationSeconds, Path log, Consumer<Process> onStart)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (server.singleCore()) {
            command.addAll(List.of("taskset", "-c", ServerLaunch.GENERATOR_CPU));
        }
        command.add("java");
        command.addAll(GENERATOR_JVM);
        if (server.singleCore()) {
            command.add(ServerLaunch.ONE_PROCESSOR);
        }
        command.addAll(List.of("-cp", ServerLaunch.classpathOf(LoadGenerator.class,
                org.eclipse.californium.elements.RawData.class, org.eclipse.californium.scandium.DTLSConnector.class,
                org.slf4j.LoggerFactory.class, ServerLaunch.loggingBackend()), LoadGenerator.class.getName(),
                "--port", Integer.toString(dtls == null ? server.port() : server.dtlsPort()), "--path", path,
                "--outstanding", Integer.toString(outstanding), "--warmup-seconds", Double.toString(warmupSeconds),
                "--duration-seconds", Double.toString(durationSeconds)));
        if (dtls != null) {
            command.addAll(List.of("--psk", dtls.argument()));
        }
        Process generator = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        onStart.accept(generator);
        long limitMillis = (long) ((warmupSeconds + durationSeconds) * 1000) + 30_000;
        Thread watchdog = new Thread(() -> {
            try {
                if (!generator.waitFor(limitMillis, TimeUnit.MILLISECONDS)) {
                    generator.destroyForcibly();
                }
            } catch (InterruptedException e) {
                generator.destroyForcibly();
            }
        }, "load-generator-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        long cpuAtStart = -1;
        long cpuAtEnd = -1;
        long generatorAtStart = -1;
        long generatorAtEnd = -1;
        ThreadProfile threadsAtStart = null;
        ThreadProfile threadsAtEnd = null;
        ThreadProfile generatorThreadsAtStart = null;
        ThreadProfile generatorThreadsAtEnd = null;
        LoadResult result = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(generator.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.equals(LoadGenerator.MEASURING)) {
                    cpuAtStart = stats.cpuNanos(server.pid());
                    generatorAtStart = stats.cpuNanos(generator.pid());
                    threadsAtStart = ThreadProfile.of(server.pid());
                    generatorThreadsAtStart = ThreadProfile.of(generator.pid());
                } else if (line.equals(LoadGenerator.MEASURED)) {
                    cpuAtEnd = stats.cpuNanos(server.pid());
                    generatorAtEnd = stats.cpuNanos(generator.pid());
                    threadsAtEnd = ThreadProfile.of(server.pid());
                    generatorThreadsAtEnd = ThreadProfile.of(generator.pid());
                    try (var carryOn = generator.getOutputStream()) {
                        carryOn.write('\n');
                    }
                } else if (line.startsWith(LoadResult.PREFIX)) {
                    result = LoadResult.parse(line);
                }
            }
        } finally {
            ServerProcess.stop(generator);
            watchdog.interrupt();
        }
        if (result == null || cpuAtStart < 0 || cpuAtEnd < 0) {
            throw new IOException("the load generator gave no result (exit status " + generator.exitValue()
                    + "); see " + log);
        }
        return new Measured(result, cpuAtEnd - cpuAtStart,
                withEnded(threadsAtEnd.since(threadsAtStart, result.answered(), stats.clockTicksPerSecond()),
                        cpuAtEnd - cpuAtStart, result.answered()),
                generatorAtEnd - generatorAtStart,
                withEnded(generatorThreadsAtEnd.since(generatorThreadsAtStart, result.answered(),
                        stats.clockTicksPerSecond()), generatorAtEnd - generatorAtStart, result.answered()));
    }

    /**
     * @return the costs by thread, plus the CPU time of threads that ended within the window: the process's total
     *         keeps it, the threads' own counters went with them (a DTLS session of the load generator left for a
     *         fresh one, an idle pool thread of the platform)
     */
    private static Map<String, ThreadProfile.Cost> withEnded(Map<String, ThreadProfile.Cost> threads,
            long processNanos, long answered) {
        if (answered == 0) {
            return threads;
        }
        double known = threads.values().stream().mapToDouble(ThreadProfile.Cost::cpuMicros).sum();
        double ended = processNanos / 1000.0 / answered - known;
        // Both counters tick in clock ticks: only a difference of more than a few ticks is a thread that ended.
        if (ended * answered < 50_000) {
            return threads;
        }
        Map<String, ThreadProfile.Cost> all = new java.util.TreeMap<>(threads);
        all.put(ENDED_THREADS, new ThreadProfile.Cost(ended, 0));
        return all;
    }
}
