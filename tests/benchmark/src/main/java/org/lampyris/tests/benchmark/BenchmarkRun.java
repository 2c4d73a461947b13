package org.lampyris.tests.benchmark;

import java.nio.file.Path;
import java.util.List;

/**
 * What a benchmark run produced.
 *
 * @param summaries   every figure, in the order of the table
 * @param table       the table as printed
 * @param csv         {@code results.csv}
 * @param repetitions {@code repetitions.csv}
 * @param chart       {@code results.svg}
 * @param processes   the ids of every process the run started (servers, load generators, jarsigner)
 * @param hotUpdates  every hot update of the platform, one per repetition, whether it committed or not
 */
record BenchmarkRun(List<FigureSummary> summaries, String table, Path csv, Path repetitions, Path chart,
        List<Long> processes, List<HotUpdate.Outcome> hotUpdates) {
}
