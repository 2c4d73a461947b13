package org.lampyris.tests.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Where each side's CPU went during its window with the most requests outstanding, by group of threads, over the
 * repetitions, once over plain CoAP and once over DTLS: the profile that says which layer costs what. Printed after
 * the table and written to {@code threads.csv}.
 */
final class ThreadCosts {
    private static final double SHOWN_FROM_MICROS = 0.05;

    private final Map<Transport, Map<Side, List<Map<String, ThreadProfile.Cost>>>> byTransport =
            new EnumMap<>(Transport.class);

    private final String whose;

    /** @param whose whose threads they are, for the title: "Server" or "Load generator" */
    ThreadCosts(String whose) {
        this.whose = whose;
        for (Transport transport : Transport.values()) {
            Map<Side, List<Map<String, ThreadProfile.Cost>>> bySide = new EnumMap<>(Side.class);
            for (Side side : Side.values()) {
                bySide.put(side, new ArrayList<>());
            }
            byTransport.put(transport, bySide);
        }
    }

    synchronized void add(Transport transport, Side side, Map<String, ThreadProfile.Cost> costs) {
        byTransport.get(transport).get(side).add(costs);
    }

    /** @return per group the median over the repetitions of one side; a group absent in a repetition costs 0 */
    private Map<String, ThreadProfile.Cost> medians(Transport transport, Side side, TreeSet<String> groups) {
        List<Map<String, ThreadProfile.Cost>> runs = byTransport.get(transport).get(side);
        Map<String, ThreadProfile.Cost> medians = new java.util.HashMap<>();
        for (String group : groups) {
            double[] cpu = new double[runs.size()];
            double[] switches = new double[runs.size()];
            for (int i = 0; i < runs.size(); i++) {
                ThreadProfile.Cost c = runs.get(i).getOrDefault(group, new ThreadProfile.Cost(0, 0));
                cpu[i] = c.cpuMicros();
                switches[i] = c.voluntarySwitches();
            }
            medians.put(group, new ThreadProfile.Cost(Spread.of(cpu).median(), Spread.of(switches).median()));
        }
        return medians;
    }

    private TreeSet<String> groups(Transport transport) {
        TreeSet<String> groups = new TreeSet<>();
        byTransport.get(transport).values().forEach(runs -> runs.forEach(run -> groups.addAll(run.keySet())));
        return groups;
    }

    /** @return the profile of every transport, one after the other */
    String render(int outstanding) {
        StringBuilder out = new StringBuilder();
        for (Transport transport : Transport.values()) {
            out.append(out.length() == 0 ? "" : "\n").append(render(transport, outstanding));
        }
        return out.toString();
    }

    private String render(Transport transport, int outstanding) {
        TreeSet<String> groups = groups(transport);
        Map<String, ThreadProfile.Cost> platform = medians(transport, Side.PLATFORM, groups);
        Map<String, ThreadProfile.Cost> bare = medians(transport, Side.BARE, groups);
        List<String> shown = groups.stream()
                .filter(g -> cpu(platform, g) >= SHOWN_FROM_MICROS || cpu(bare, g) >= SHOWN_FROM_MICROS)
                .sorted(Comparator.comparingDouble((String g) -> -(cpu(platform, g) + cpu(bare, g)))).toList();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s CPU by thread at %d outstanding, %s, per answered GET (medians"
                + " over repetitions; thread names cut to 15 characters by Linux):%n", whose, outstanding,
                transport.label()));
        String format = "  %-18s | %16s | %12s | %20s | %16s%n";
        out.append(String.format(Locale.ROOT, format, "threads", "platform CPU us", "bare CPU us",
                "platform sleeps", "bare sleeps"));
        double[] totals = new double[4];
        for (String g : shown) {
            ThreadProfile.Cost p = platform.get(g);
            ThreadProfile.Cost b = bare.get(g);
            out.append(String.format(Locale.ROOT, format, g, two(p.cpuMicros()), two(b.cpuMicros()),
                    two(p.voluntarySwitches()), two(b.voluntarySwitches())));
        }
        for (String g : groups) {
            totals[0] += platform.get(g).cpuMicros();
            totals[1] += bare.get(g).cpuMicros();
            totals[2] += platform.get(g).voluntarySwitches();
            totals[3] += bare.get(g).voluntarySwitches();
        }
        out.append(String.format(Locale.ROOT, format, "all threads", two(totals[0]), two(totals[1]), two(totals[2]),
                two(totals[3])));
        out.append("  (sleeps: voluntary context switches, a thread parking or waiting for a datagram)\n");
        if (groups.contains(GetLoad.ENDED_THREADS)) {
            out.append("  (" + GetLoad.ENDED_THREADS.replaceAll("[()]", "") + ": threads that ended within the window,"
                    + " known only from the process's total; the load generator's DTLS sessions end every 65,535"
                    + " requests)\n");
        }
        return out.toString();
    }

    void writeCsv(Path file) throws IOException {
        StringBuilder out = new StringBuilder(
                "transport,side,repetition,threads,cpu_us_per_get,voluntary_switches_per_get\n");
        byTransport.forEach((transport, bySide) -> bySide.forEach((side, runs) -> {
            for (int r = 0; r < runs.size(); r++) {
                int repetition = r + 1;
                runs.get(r).forEach((group, c) -> out.append(transport.name().toLowerCase(Locale.ROOT)).append(',')
                        .append(side.label()).append(',').append(repetition).append(',')
                        .append('"').append(group.replace("\"", "\"\"")).append('"').append(',')
                        .append(String.format(Locale.ROOT, "%.4f,%.4f", c.cpuMicros(), c.voluntarySwitches()))
                        .append('\n'));
            }
        }));
        Files.writeString(file, out, StandardCharsets.UTF_8);
    }

    private static double cpu(Map<String, ThreadProfile.Cost> costs, String group) {
        return costs.get(group).cpuMicros();
    }

    private static String two(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
