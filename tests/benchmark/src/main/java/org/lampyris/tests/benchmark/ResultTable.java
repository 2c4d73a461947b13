package org.lampyris.tests.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The result as one plain-text table: every figure, both sides, the ratio, the target and the verdict. */
final class ResultTable {
    private static final String[] HEADER = {"figure", "unit", "platform", "bare", "platform/bare", "target",
        "verdict"};

    private ResultTable() {
    }

    static String render(List<FigureSummary> rows) {
        List<String[]> cells = new ArrayList<>();
        cells.add(HEADER);
        for (FigureSummary row : rows) {
            Figure f = row.figure();
            if (!f.implemented()) {
                cells.add(new String[] {f.label(), f.unit(), f.unavailable(), f.platformOnly() ? "-"
                    : f.unavailable(), "-", f.target().describe(f.unit()), row.verdict()});
                continue;
            }
            cells.add(new String[] {f.label(), f.unit(), spread(row.platform()), spread(row.bare()),
                ratio(row.ratio()), f.target().describe(f.unit()), row.verdict()});
        }
        int[] widths = new int[HEADER.length];
        for (String[] line : cells) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int l = 0; l < cells.size(); l++) {
            String[] line = cells.get(l);
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < line.length; i++) {
                text.append(i == 0 ? "" : " | ").append(pad(line[i], widths[i], i >= 2 && i <= 4));
            }
            out.append(text.toString().stripTrailing()).append('\n');
            if (l == 0) {
                StringBuilder rule = new StringBuilder();
                for (int i = 0; i < widths.length; i++) {
                    rule.append(i == 0 ? "" : "-|-").append("-".repeat(widths[i]));
                }
                out.append(rule).append('\n');
            }
        }
        return out.toString();
    }

    private static String pad(String text, int width, boolean right) {
        String fill = " ".repeat(width - text.length());
        return right ? fill + text : text + fill;
    }

    /** @return "median (min-max)", or the median alone for a single repetition; "-" when nothing was measured */
    static String spread(Spread s) {
        if (s.isEmpty()) {
            return "-";
        }
        return s.count() == 1 ? number(s.median())
                : number(s.median()) + " (" + number(s.min()) + "-" + number(s.max()) + ")";
    }

    static String ratio(Spread r) {
        if (Double.isNaN(r.median())) {
            return "-";
        }
        String median = String.format(Locale.ROOT, "%.2f", r.median());
        return r.count() <= 1 ? median
                : median + String.format(Locale.ROOT, " (%.2f-%.2f)", r.min(), r.max());
    }

    /** @return a value with as many decimals as its size deserves */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        double a = Math.abs(v);
        String format = a >= 100 || v == Math.rint(v) ? "%.0f" : a >= 10 ? "%.1f" : "%.2f";
        return String.format(Locale.ROOT, format, v);
    }
}
