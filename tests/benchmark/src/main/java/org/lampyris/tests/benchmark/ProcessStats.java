package org.lampyris.tests.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * What Linux says about a process in {@code /proc}: its resident memory and the CPU time it used. The CPU time comes
 * in clock ticks; {@link #clockTicksPerSecond()} asks {@code getconf CLK_TCK} once how long a tick is.
 */
final class ProcessStats {
    private final long clockTicksPerSecond;

    private ProcessStats(long clockTicksPerSecond) {
        this.clockTicksPerSecond = clockTicksPerSecond;
    }

    /** @return the statistics of this machine, with its clock tick read from {@code getconf CLK_TCK} */
    static ProcessStats ofThisMachine() throws IOException, InterruptedException {
        Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
        String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        if (!getconf.waitFor(10, TimeUnit.SECONDS) || getconf.exitValue() != 0) {
            throw new IOException("getconf CLK_TCK failed: " + out);
        }
        return new ProcessStats(Long.parseLong(out));
    }

    long clockTicksPerSecond() {
        return clockTicksPerSecond;
    }

    /** @return the resident set size now ({@code VmRSS}), in bytes */
    long residentBytes(long pid) {
        return statusNumber(pid, "VmRSS:") * 1024;
    }

    /** @return the largest resident set size the process ever had ({@code VmHWM}), in bytes */
    long peakResidentBytes(long pid) {
        return statusNumber(pid, "VmHWM:") * 1024;
    }

    /** @return the threads of the process now ({@code Threads} of {@code /proc/<pid>/status}) */
    long threads(long pid) {
        return statusNumber(pid, "Threads:");
    }

    /**
     * @return the bytes the process (all its threads, those ended included) caused to be written to storage so far
     *         ({@code write_bytes} of {@code /proc/<pid>/io}): what reaches the disk or flash, whether through
     *         write() or a dirtied page of a mapped file such as the JVM's performance-data file
     */
    long storageWriteBytes(long pid) {
        for (String line : read(Path.of("/proc", Long.toString(pid), "io")).split("\n")) {
            if (line.startsWith("write_bytes:")) {
                return Long.parseLong(line.substring("write_bytes:".length()).trim());
            }
        }
        throw new IllegalStateException("no write_bytes in /proc/" + pid + "/io");
    }

    /** @return user plus system CPU time of the process so far, in nanoseconds (to the precision of a clock tick) */
    long cpuNanos(long pid) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        // The command name in parentheses may hold spaces; the fields after it are fixed: utime and stime are the
        // 14th and 15th fields of the line, so the 12th and 13th after the closing parenthesis.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * 1_000_000_000L / clockTicksPerSecond;
    }

    /**
     * @return datagrams the kernel dropped because the receive buffer of the UDP socket bound to a local port was
     *         full, from the last column of {@code /proc/net/udp} and {@code /proc/net/udp6}
     */
    long socketDrops(int port) {
        long drops = 0;
        for (String table : new String[] {"/proc/net/udp", "/proc/net/udp6"}) {
            String[] lines = read(Path.of(table)).split("\n");
            for (int i = 1; i < lines.length; i++) {
                String[] fields = lines[i].trim().split("\\s+");
                if (fields.length < 13) {
                    continue;
                }
                String local = fields[1];
                if (Integer.parseInt(local.substring(local.lastIndexOf(':') + 1), 16) == port) {
                    drops += Long.parseLong(fields[fields.length - 1]);
                }
            }
        }
        return drops;
    }

    private static long statusNumber(long pid, String key) {
        for (String line : read(Path.of("/proc", Long.toString(pid), "status")).split("\n")) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
            }
        }
        throw new IllegalStateException("no " + key + " in /proc/" + pid + "/status");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (has the process exited?)", e);
        }
    }
}
