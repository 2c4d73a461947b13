package org.lampyris.tests.benchmark;

import java.nio.file.Path;
import java.util.List;

/**
 * How long and how often the benchmark measures, and where it reads the distribution and writes its results.
 *
 * @param repetitions       how many times each side is started and measured; sides alternate
 * @param warmupSeconds     load before each measured GET window, not counted
 * @param durationSeconds   each measured GET window
 * @param sustainSeconds    the sustained load whose peak resident memory is reported
 * @param idleSeconds       the pause after boot before the idle resident memory is read
 * @param settleSeconds     the pause between the warm-up change and the measured change of an observe fan-out
 * @param outstanding       the numbers of GETs kept outstanding, one measured window each
 * @param observers         the numbers of observers of the fan-out measurements
 * @param distribution      the built distribution, {@code runtime/target/lampyris}
 * @param out               where the CSV, the chart and the servers' logs go
 * @param smoke             whether this is the short mode that only proves the harness works
 * @param ioSeconds         the idle window whose bytes written to storage are extrapolated to an hour
 * @param singleCore        the single-core profile: servers pinned to CPU 0, the load generator to CPU 1 (taskset),
 *                          every JVM with {@code -XX:ActiveProcessorCount=1}
 */
record BenchmarkOptions(int repetitions, double warmupSeconds, double durationSeconds, double sustainSeconds,
        double idleSeconds, double settleSeconds, List<Integer> outstanding, List<Integer> observers, Path distribution, Path out,
        boolean smoke, double ioSeconds, boolean singleCore) {

    static final String USAGE = """
            usage: run-benchmark.sh [--repetitions R] [--duration-seconds S] [--warmup-seconds S]
                                    [--sustain-seconds S] [--io-seconds S] [--single-core] [--smoke]
                                    [--out DIR] [--dist DIR]
              --repetitions R       times each side is measured, alternating platform and bare (default 5)
              --duration-seconds S  measured window of each GET load (default 10)
              --warmup-seconds S    warm-up before each GET window (default 3)
              --sustain-seconds S   sustained load for the peak resident memory (default 60)
              --io-seconds S        idle window whose bytes written to storage are extrapolated to an hour
                                    (default 60)
              --single-core         the single-core profile: both servers pinned to CPU 0 and the load generator
                                    to CPU 1 with taskset, every JVM with -XX:ActiveProcessorCount=1
              --smoke               a short run that only proves the harness works (1 repetition, 1.5 s windows,
                                    10 and 50 observers, 3 s sustained load, one hot update); the other
                                    options still apply
              --out DIR             results: results.csv, repetitions.csv, threads.csv, results.svg, logs/
                                    (default tests/benchmark/target/benchmark)
              --dist DIR            the built distribution (default runtime/target/lampyris)
            run-benchmark.sh builds the checkout first; LAMPYRIS_BENCHMARK_NO_BUILD=1 skips that.
            """;

    private static final double MAX_SECONDS = 3600;

    /**
     * @param args        the command line
     * @param defaultDist the distribution when {@code --dist} is not given
     * @param defaultOut  the output folder when {@code --out} is not given
     * @throws IllegalArgumentException for an unknown option or a value out of range
     */
    static BenchmarkOptions parse(List<String> args, Path defaultDist, Path defaultOut) {
        boolean smoke = args.contains("--smoke");
        boolean singleCore = args.contains("--single-core");
        int repetitions = smoke ? 1 : 5;
        double warmup = smoke ? 0.5 : 3;
        double duration = smoke ? 1.5 : 10;
        double sustain = smoke ? 3 : 60;
        double idle = smoke ? 0.5 : 2;
        double settle = smoke ? 0.5 : 3.5;
        double io = smoke ? 2 : 60;
        List<Integer> observers = smoke ? List.of(10, 50) : List.of(100, 1000);
        Path dist = defaultDist;
        Path out = defaultOut;
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            if (option.equals("--smoke") || option.equals("--single-core")) {
                continue;
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args.get(++i);
            switch (option) {
                case "--repetitions" -> repetitions = Integer.parseInt(value);
                case "--duration-seconds" -> duration = Double.parseDouble(value);
                case "--warmup-seconds" -> warmup = Double.parseDouble(value);
                case "--sustain-seconds" -> sustain = Double.parseDouble(value);
                case "--io-seconds" -> io = Double.parseDouble(value);
                case "--out" -> out = Path.of(value);
                case "--dist" -> dist = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (repetitions < 1 || repetitions > 100) {
            throw new IllegalArgumentException("--repetitions is 1 to 100");
        }
        check("--duration-seconds", duration, 0.1);
        check("--warmup-seconds", warmup, 0);
        check("--sustain-seconds", sustain, 0.5);
        check("--io-seconds", io, 1);
        return new BenchmarkOptions(repetitions, warmup, duration, sustain, idle, settle, List.of(1, 8, 32), observers,
                dist.toAbsolutePath().normalize(), out.toAbsolutePath().normalize(), smoke, io,
                singleCore);
    }

    private static void check(String option, double seconds, double min) {
        if (!(seconds >= min && seconds <= MAX_SECONDS)) {
            throw new IllegalArgumentException(option + " is " + min + " to " + MAX_SECONDS + " seconds");
        }
    }
}
