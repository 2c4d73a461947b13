package org.lampyris.tests.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a server's CPU goes, by thread: a snapshot of every thread's CPU ticks and voluntary context switches from
 * {@code /proc/<pid>/task}, and the difference of two snapshots per answered request, with threads grouped by name
 * (a pool's numbered threads count as one group). It is the profile behind the closing note of a run: it tells which
 * layer of a server spends the CPU, without an agent in the server.
 */
final class ThreadProfile {
    /** Linux keeps 15 characters of a thread name; numbers, ports and addresses at its end are dropped. */
    private static final String NUMBERED_TAIL = "[-#/(\\[]?[\\d.:\\[\\]/)]*$";

    /**
     * The cost of one group of threads per answered request.
     *
     * @param cpuMicros         user plus system CPU time, in microseconds
     * @param voluntarySwitches times a thread of the group gave up the CPU to wait (park, poll, read)
     */
    record Cost(double cpuMicros, double voluntarySwitches) {
    }

    private record Sample(String group, long ticks, long voluntarySwitches) {
    }

    private final Map<String, Sample> threads;

    private ThreadProfile(Map<String, Sample> threads) {
        this.threads = threads;
    }

    /** @return the CPU ticks and context switches of every thread of a process now */
    static ThreadProfile of(long pid) throws IOException {
        Map<String, Sample> threads = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                String stat;
                String status;
                try {
                    stat = Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII);
                    status = Files.readString(task.resolve("status"), StandardCharsets.US_ASCII);
                } catch (IOException e) {
                    continue; // the thread ended in the meantime
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
                long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                threads.put(task.getFileName().toString(), new Sample(group(name), ticks, voluntary(status)));
            }
        }
        return new ThreadProfile(threads);
    }

    static String group(String threadName) {
        String group = threadName.replaceAll(NUMBERED_TAIL, "");
        return group.isEmpty() ? threadName : group;
    }

    private static long voluntary(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("voluntary_ctxt_switches:")) {
                return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return 0;
    }

    /**
     * @return per group of threads, what it cost per answered request between {@code before} and this snapshot;
     *         threads started in between count from zero
     */
    Map<String, Cost> since(ThreadProfile before, long answered, long clockTicksPerSecond) {
        Map<String, long[]> sums = new TreeMap<>();
        threads.forEach((tid, now) -> {
            Sample then = before.threads.get(tid);
            long[] sum = sums.computeIfAbsent(now.group(), g -> new long[2]);
            sum[0] += now.ticks() - (then == null ? 0 : then.ticks());
            sum[1] += now.voluntarySwitches() - (then == null ? 0 : then.voluntarySwitches());
        });
        Map<String, Cost> costs = new TreeMap<>();
        if (answered > 0) {
            sums.forEach((group, sum) -> costs.put(group, new Cost(sum[0] * 1e6 / clockTicksPerSecond / answered,
                    (double) sum[1] / answered)));
        }
        return costs;
    }
}
