package org.lampyris.tests.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The result as CSV: {@code results.csv} with one line per figure (medians, spreads, ratio, target, verdict) and
 * {@code repetitions.csv} with every value measured.
 */
final class ResultCsv {
    static final String SUMMARY_HEADER = "figure,label,unit,platform_median,platform_min,platform_max,bare_median,"
            + "bare_min,bare_max,ratio,ratio_min,ratio_max,target,verdict";

    private ResultCsv() {
    }

    static void writeSummary(Path file, List<FigureSummary> rows) throws IOException {
        StringBuilder out = new StringBuilder(SUMMARY_HEADER).append('\n');
        for (FigureSummary row : rows) {
            Figure f = row.figure();
            out.append(String.join(",", f.id(), quote(f.label()), f.unit(), value(row.platform().median()),
                    value(row.platform().min()), value(row.platform().max()), value(row.bare().median()),
                    value(row.bare().min()), value(row.bare().max()), value(row.ratio().median()),
                    value(row.ratio().min()), value(row.ratio().max()), quote(f.target().describe(f.unit())),
                    quote(row.verdict()))).append('\n');
        }
        Files.writeString(file, out, StandardCharsets.UTF_8);
    }

    static void writeRepetitions(Path file, List<Figure> figures, Results results) throws IOException {
        StringBuilder out = new StringBuilder("figure,side,repetition,value\n");
        for (Figure f : figures) {
            if (!f.implemented()) {
                continue;
            }
            for (Side side : Side.values()) {
                double[] values = results.values(f.id(), side);
                for (int r = 0; r < values.length; r++) {
                    out.append(f.id()).append(',').append(side.label()).append(',').append(r + 1).append(',')
                            .append(value(values[r])).append('\n');
                }
            }
        }
        Files.writeString(file, out, StandardCharsets.UTF_8);
    }

    private static String value(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String quote(String text) {
        return text.contains(",") || text.contains("\"") ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }
}
