package org.lampyris.tests.benchmark;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Measures one side once: starts it, measures boot, idle memory, the GET loads over plain CoAP and then over DTLS,
 * the observe fan-outs and the sustained load, in that order, then on the platform a hot update of the dimming plugin
 * ({@link HotUpdate}), and stops it. Every figure goes into {@link Results} under its repetition.
 */
final class SideMeasurement {
    /** The point measured, served by the dimming plugin on the platform and by {@link ChangeableLevel} on bare. */
    static final String PATH = "/light/level";
    private static final double MIB = 1024 * 1024;
    private static final double KIB = 1024;
    /**
     * The moment the simulated clock of the power-cycled post starts at: an evening in December, dark at the post's
     * site (Amsterdam), before the night profile's 22:00 step, so that its plan says {@link #SCHEDULED_LEVEL}.
     */
    static final String EVENING = "2026-12-21T17:00:00Z";
    static final double SCHEDULED_LEVEL = 100;
    private static final long LAMP_TIMEOUT_NANOS = 60_000_000_000L;

    private final BenchmarkOptions options;
    private final ServerLaunch launch;
    private final ProcessStats stats;
    private final Results results;
    private final ThreadCosts threadCosts;
    private final ThreadCosts generatorCosts;
    private final ChildProcesses children;
    private final PrintStream progress;
    private final List<HotUpdate.Outcome> hotUpdates = new ArrayList<>();

    SideMeasurement(BenchmarkOptions options, ServerLaunch launch, ProcessStats stats, Results results,
            ThreadCosts threadCosts, ThreadCosts generatorCosts, ChildProcesses children, PrintStream progress) {
        this.generatorCosts = generatorCosts;
        this.options = options;
        this.launch = launch;
        this.stats = stats;
        this.results = results;
        this.threadCosts = threadCosts;
        this.children = children;
        this.progress = progress;
    }

    /** The GET loads of one transport at every number of requests outstanding, after a warm-up each. */
    private void measureGets(ServerProcess server, Transport transport, int repetition, int most, String tag,
            Path generatorLog) throws IOException, InterruptedException {
        Side side = server.side();
        PskKey key = transport == Transport.DTLS ? launch.readerKey() : null;
        long failed = 0;
        for (int outstanding : options.outstanding()) {
            GetLoad.Measured m = GetLoad.run(server, PATH, key, stats, outstanding, options.warmupSeconds(),
                    options.durationSeconds(), generatorLog, children::add);
            LoadResult r = m.result();
            results.put(Figures.throughput(transport, outstanding), side, repetition, r.throughput());
            results.put(Figures.p50(transport, outstanding), side, repetition, r.p50Micros());
            results.put(Figures.p99(transport, outstanding), side, repetition, r.p99Micros());
            results.put(Figures.cpu(transport, outstanding), side, repetition, m.cpuMicrosPerRequest());
            results.put(Figures.generatorCpu(transport, outstanding), side, repetition,
                    m.generatorCpuMicrosPerRequest());
            failed += r.failed();
            if (outstanding == most) {
                threadCosts.add(transport, side, m.threads());
                generatorCosts.add(transport, side, m.generatorThreads());
            }
            progress.printf(Locale.ROOT, "%s GET x%d %s: %.0f req/s, p50 %d us, p99 %d us, server CPU %.1f us/req, "
                    + "load generator CPU %.1f us/req, %d answered, %d failed%n", tag, outstanding, transport.label(),
                    r.throughput(), r.p50Micros(), r.p99Micros(), m.cpuMicrosPerRequest(),
                    m.generatorCpuMicrosPerRequest(), r.answered(), r.failed());
        }
        results.put(Figures.failed(transport), side, repetition, failed);
    }

    void measure(Side side, int repetition) throws IOException, InterruptedException {
        String tag = String.format(Locale.ROOT, "[%s %d/%d]", side.label(), repetition + 1, options.repetitions());
        Path logs = options.out().resolve("logs");
        Path generatorLog = logs.resolve("load-generator.log");
        try (ServerProcess server = ServerProcess.start(side, launch, PATH,
                logs.resolve(side.label() + "-" + (repetition + 1) + ".log"), children::add)) {
            double boot = server.bootNanos() / 1e6;
            results.put(Figures.BOOT, side, repetition, boot);
            Thread.sleep((long) (options.idleSeconds() * 1000));
            double idle = stats.residentBytes(server.pid()) / MIB;
            long threads = stats.threads(server.pid());
            results.put(Figures.IDLE_RSS, side, repetition, idle);
            results.put(Figures.IDLE_THREADS, side, repetition, threads);
            if (side == Side.BARE) { // the platform+ocpp rows compare with the same bare server
                results.put(Figures.OCPP_BOOT, side, repetition, boot);
                results.put(Figures.OCPP_IDLE_RSS, side, repetition, idle);
                results.put(Figures.OCPP_IDLE_THREADS, side, repetition, threads);
            }
            progress.printf(Locale.ROOT, "%s pid %d, boot %.0f ms, idle resident %.1f MiB, %d threads%n", tag,
                    server.pid(), boot, idle, threads);
            int most = options.outstanding().stream().mapToInt(Integer::intValue).max().orElse(32);
            for (Transport transport : Transport.values()) {
                measureGets(server, transport, repetition, most, tag, generatorLog);
            }
            int change = 0;
            long dropsBefore = stats.socketDrops(server.port());
            for (int observers : options.observers()) {
                try (ObserveFanOut fanOut = new ObserveFanOut(server.port(), PATH, observers,
                        Duration.ofMillis((long) (options.settleSeconds() * 1000)));
                        DtlsOperator operator = side == Side.PLATFORM ? new DtlsOperator(server.dtlsPort()) : null) {
                    if (operator != null) {
                        fanOut.changeWith(operator);
                    }
                    // Values other than the one served (50 at start), and other than the previous change.
                    double millis = fanOut.measure(Integer.toString(21 + change), Integer.toString(22 + change))
                            / 1e6;
                    change += 2;
                    results.put(Figures.fanOut(observers), side, repetition, millis);
                    progress.printf(Locale.ROOT, "%s observe fan-out to %d: %.2f ms%n", tag, observers, millis);
                }
            }
            long drops = stats.socketDrops(server.port()) - dropsBefore;
            results.put(Figures.OBSERVE_DROPS, side, repetition, drops);
            progress.printf(Locale.ROOT, "%s datagrams dropped by the server's full socket buffer during the "
                    + "fan-outs: %d%n", tag, drops);
            GetLoad.Measured sustained = GetLoad.run(server, PATH, null, stats, most, 0, options.sustainSeconds(),
                    generatorLog, children::add);
            // VmHWM is the highest resident size of the process's life, which ends with the sustained load.
            double peak = stats.peakResidentBytes(server.pid()) / MIB;
            results.put(Figures.SUSTAINED_THROUGHPUT, side, repetition, sustained.result().throughput());
            results.put(Figures.PEAK_RSS, side, repetition, peak);
            progress.printf(Locale.ROOT, "%s sustained x%d for %.0f s: %.0f req/s, %d failed, peak resident "
                    + "%.1f MiB%n", tag, most, options.sustainSeconds(), sustained.result().throughput(),
                    sustained.result().failed(), peak);
            if (side == Side.PLATFORM) {
                // Last, after the peak memory is read: the upload and the second copy of the plugin are not load.
                measureHotUpdate(server, repetition, tag);
            }
            if (!server.isAlive()) {
                throw new IOException(side.label() + " exited during the measurements");
            }
        }
    }

    /**
     * A power cycle, as a post on a switched circuit has every evening: boots once on an empty data directory (the
     * bytes written by then are the first boot's), stops, boots and stops again, and boots a third time on the same
     * directory. Of the third boot
     * it measures the bytes written to storage by the end of the idle pause after its first answer, and those written
     * in the next {@link BenchmarkOptions#ioSeconds()} of idling, extrapolated to an hour; and on the platform, whose
     * simulated clock starts at {@link #EVENING}, the time from the process start to {@code /light/level} answering
     * the plan's level (polled every 5 ms). Written bytes come from {@code write_bytes} of {@code /proc/<pid>/io}.
     */
    void measurePowerCycle(Side side, int repetition) throws IOException, InterruptedException {
        String tag = String.format(Locale.ROOT, "[%s %d/%d]", side.label(), repetition + 1, options.repetitions());
        Path logs = options.out().resolve("logs");
        List<String> extra = side == Side.PLATFORM ? List.of("--clock-start", EVENING) : List.of();
        Path data = java.nio.file.Files.createTempDirectory("lampyris-benchmark-cycle-");
        try {
            double first;
            try (ServerProcess server = ServerProcess.start(side, launch, extra, PATH,
                    logs.resolve(side.label() + "-" + (repetition + 1) + "-cycle-first.log"), children::add, data)) {
                Thread.sleep((long) (options.idleSeconds() * 1000));
                first = stats.storageWriteBytes(server.pid()) / KIB;
            }
            // The second boot still writes what the first one left to do (about 60 KiB more than the ones after it),
            // so the boot measured is the third: the one a post has every evening.
            try (ServerProcess server = ServerProcess.start(side, launch, extra, PATH,
                    logs.resolve(side.label() + "-" + (repetition + 1) + "-cycle-second.log"), children::add, data)) {
                Thread.sleep((long) (options.idleSeconds() * 1000));
            }
            try (ServerProcess server = ServerProcess.start(side, launch, extra, PATH,
                    logs.resolve(side.label() + "-" + (repetition + 1) + "-cycle-third.log"), children::add, data)) {
                String lamp = "";
                if (side == Side.PLATFORM) {
                    long at = CoapProbe.firstAnswer(server.port(), PATH, server.startedNanos() + LAMP_TIMEOUT_NANOS,
                            server.process(), payload -> level(payload) == SCHEDULED_LEVEL);
                    double millis = (at - server.startedNanos()) / 1e6;
                    results.put(Figures.LAMP_AT_LEVEL, side, repetition, millis);
                    lamp = String.format(Locale.ROOT, ", lamp at its scheduled %.0f %% after %.0f ms", SCHEDULED_LEVEL,
                            millis);
                }
                Thread.sleep((long) (options.idleSeconds() * 1000));
                long boot = stats.storageWriteBytes(server.pid());
                Thread.sleep((long) (options.ioSeconds() * 1000));
                long idle = stats.storageWriteBytes(server.pid()) - boot;
                long settled = stats.threads(server.pid());
                results.put(Figures.SETTLED_THREADS, side, repetition, settled);
                double perHour = idle / KIB * 3600 / options.ioSeconds();
                results.put(Figures.STORAGE_FIRST_BOOT, side, repetition, first);
                results.put(Figures.STORAGE_BOOT, side, repetition, boot / KIB);
                results.put(Figures.STORAGE_IDLE_HOUR, side, repetition, perHour);
                progress.printf(Locale.ROOT, "%s power cycle: first boot wrote %.0f KiB, the next %.0f KiB%s, then "
                        + "%.0f KiB in %.0f s idle (%.0f KiB an hour), %d threads at its end%n", tag, first,
                        boot / KIB, lamp, idle / KIB, options.ioSeconds(), perHour, settled);
            }
        } finally {
            ServerProcess.deleteTree(data);
        }
    }

    private static double level(String payload) {
        try {
            return Double.parseDouble(payload.trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /**
     * Weighs the OCPP bundle with the same figures as the rest: the platform started with its OCPP client on
     * ({@link ServerLaunch#OCPP_ON}, a CSMS that is not there), boot to first answer, then resident memory and threads
     * after the same idle pause as the other sides. The platform's own rows are with the client off, as shipped.
     */
    void measureOcpp(int repetition) throws IOException, InterruptedException {
        String tag = String.format(Locale.ROOT, "[platform+ocpp %d/%d]", repetition + 1, options.repetitions());
        Path log = options.out().resolve("logs").resolve("platform+ocpp-" + (repetition + 1) + ".log");
        try (ServerProcess server = ServerProcess.start(Side.PLATFORM, launch, ServerLaunch.OCPP_ON, PATH, log,
                children::add)) {
            double boot = server.bootNanos() / 1e6;
            Thread.sleep((long) (options.idleSeconds() * 1000));
            double idle = stats.residentBytes(server.pid()) / MIB;
            long threads = stats.threads(server.pid());
            results.put(Figures.OCPP_BOOT, Side.PLATFORM, repetition, boot);
            results.put(Figures.OCPP_IDLE_RSS, Side.PLATFORM, repetition, idle);
            results.put(Figures.OCPP_IDLE_THREADS, Side.PLATFORM, repetition, threads);
            progress.printf(Locale.ROOT, "%s pid %d, boot %.0f ms, idle resident %.1f MiB, %d threads%n", tag,
                    server.pid(), boot, idle, threads);
        }
    }

    private void measureHotUpdate(ServerProcess server, int repetition, String tag)
            throws IOException, InterruptedException {
        HotUpdate.Outcome update = HotUpdate.run(launch.distribution(), server.port(), server.dtlsPort(),
                "benchmark-r" + (repetition + 1), options.out().resolve("hot-update"), children::add);
        hotUpdates.add(update);
        if (update.committed()) {
            results.put(Figures.HOT_UPDATE_FAILED, Side.PLATFORM, repetition, update.otherFailed());
        }
        if (update.valid()) {
            results.put(Figures.HOT_UPDATE_TIME, Side.PLATFORM, repetition, update.millis());
        }
        progress.printf(Locale.ROOT, "%s hot update: %s%n", tag, update.description());
    }

    /** @return every hot update measured so far, in order */
    List<HotUpdate.Outcome> hotUpdates() {
        return List.copyOf(hotUpdates);
    }
}
