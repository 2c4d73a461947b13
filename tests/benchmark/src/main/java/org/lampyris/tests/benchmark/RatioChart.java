package org.lampyris.tests.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The result as one picture, an SVG written as text: per figure a bar of the ratio platform / bare (green when it
 * meets its target, red when it misses, grey without a target), a whisker from the smallest to the largest ratio of
 * one repetition's pair, the target as a black mark, and the line where platform equals bare.
 */
final class RatioChart {
    private static final int WIDTH = 980;
    private static final int LABEL_RIGHT = 360;
    private static final int LEFT = 370;
    private static final int RIGHT = 900;
    private static final int TOP = 76;
    private static final int ROW = 24;
    private static final String PASS = "#2e7d32";
    private static final String MISS = "#c62828";
    private static final String NO_TARGET = "#8a8a8a";

    private RatioChart() {
    }

    static void write(Path file, List<FigureSummary> summaries, String title, String subtitle) throws IOException {
        List<FigureSummary> rows = summaries.stream()
                .filter(s -> s.figure().implemented() && s.figure().compared() && !Double.isNaN(s.ratio().median())).toList();
        double top = 2;
        for (FigureSummary s : rows) {
            top = Math.max(top, Math.max(s.ratio().median(), s.ratio().max()));
            if (s.figure().target().isRatio()) {
                top = Math.max(top, s.figure().target().value());
            }
        }
        double scaleMax = Math.min(8, Math.ceil(top * 1.05 * 2) / 2);
        int height = TOP + rows.size() * ROW + 90;
        StringBuilder svg = new StringBuilder();
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, height, WIDTH,
                height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, height));
        svg.append(text(20, 26, "start", "font-size=\"16\" font-weight=\"bold\"", title));
        svg.append(text(20, 46, "start", "fill=\"#555\"", subtitle));
        int bottom = TOP + rows.size() * ROW;
        for (double tick = 0; tick <= scaleMax + 1e-9; tick += 0.5) {
            double x = x(tick, scaleMax);
            boolean one = Math.abs(tick - 1) < 1e-9;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\""
                    + " stroke-width=\"%s\"%s/>%n", x, TOP - 6, x, bottom, one ? "#333" : "#e0e0e0", one ? "1.5"
                    : "1", one ? " stroke-dasharray=\"4 3\"" : ""));
            svg.append(text(x, bottom + 16, "middle", "fill=\"#555\"", trim(tick) + "x"));
        }
        svg.append(text(x(1, scaleMax), TOP - 10, "middle", "fill=\"#333\"", "bare = 1"));
        for (int i = 0; i < rows.size(); i++) {
            FigureSummary s = rows.get(i);
            int y = TOP + i * ROW;
            double mid = y + ROW / 2.0;
            String colour = s.met() == null ? NO_TARGET : s.met() ? PASS : MISS;
            svg.append(text(LABEL_RIGHT, mid + 4, "end", "", s.figure().label()));
            double end = x(Math.min(s.ratio().median(), scaleMax), scaleMax);
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"14\""
                    + " fill=\"%s\" fill-opacity=\"0.85\"/>%n", LEFT, mid - 7, Math.max(1, end - LEFT), colour));
            if (s.ratio().count() > 1) {
                double lo = x(Math.min(s.ratio().min(), scaleMax), scaleMax);
                double hi = x(Math.min(s.ratio().max(), scaleMax), scaleMax);
                svg.append(String.format(Locale.ROOT, "<path d=\"M%.1f %.1fH%.1fM%.1f %.1fV%.1fM%.1f %.1fV%.1f\""
                        + " stroke=\"#222\" fill=\"none\"/>%n", lo, mid, hi, lo, mid - 4, mid + 4, hi, mid - 4,
                        mid + 4));
            }
            if (s.figure().target().isRatio()) {
                double t = x(s.figure().target().value(), scaleMax);
                svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\""
                        + " stroke=\"black\" stroke-width=\"2.5\"/>%n", t, mid - 10, t, mid + 10));
            }
            String value = String.format(Locale.ROOT, "%.2fx", s.ratio().median());
            if (s.figure().target().kind() == Target.Kind.PLATFORM_BELOW
                    || s.figure().target().kind() == Target.Kind.PLATFORM_AT_MOST) {
                value += "  (platform " + ResultTable.number(s.platform().median()) + " " + s.figure().unit()
                        + "; target " + s.figure().target().describe(s.figure().unit()) + ")";
            }
            // The value goes right of everything drawn on its row: bar, whisker, target mark and the line at 1.
            double right = Math.max(end, x(1, scaleMax) + 2);
            if (s.ratio().count() > 1) {
                right = Math.max(right, x(Math.min(s.ratio().max(), scaleMax), scaleMax));
            }
            if (s.figure().target().isRatio()) {
                right = Math.max(right, x(s.figure().target().value(), scaleMax) + 2);
            }
            svg.append(text(right + 6, mid + 4, "start", "fill=\"#222\"", value));
        }
        int legend = bottom + 44;
        svg.append(swatch(20, legend, PASS, "meets its target"));
        svg.append(swatch(160, legend, MISS, "misses its target"));
        svg.append(swatch(300, legend, NO_TARGET, "no target"));
        svg.append(String.format(Locale.ROOT, "<line x1=\"420\" y1=\"%d\" x2=\"420\" y2=\"%d\" stroke=\"black\""
                + " stroke-width=\"2.5\"/>%n", legend - 9, legend + 5));
        svg.append(text(428, legend + 1, "start", "", "target ratio"));
        svg.append(text(530, legend + 1, "start", "", "whisker: smallest to largest ratio of one repetition"));
        svg.append(text(20, legend + 22, "start", "fill=\"#555\"",
                "ratio = median(platform) / median(bare); lower is better except for throughput"));
        svg.append("</svg>\n");
        Files.writeString(file, svg, StandardCharsets.UTF_8);
    }

    private static double x(double ratio, double scaleMax) {
        return LEFT + ratio / scaleMax * (RIGHT - LEFT);
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static String swatch(int x, int y, String colour, String label) {
        return String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"12\" fill=\"%s\"/>%n", x,
                y - 10, colour) + text(x + 20, y + 1, "start", "", label);
    }

    private static String text(double x, double y, String anchor, String attributes, String content) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" %s>%s</text>%n", x, y,
                anchor, attributes, escape(content));
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
