package org.lampyris.tests.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The machine a run was measured on, as the report names it: cores, CPU, memory, OS, the servers' JVM, load. */
final class MachineDescription {

    private MachineDescription() {
    }

    /** @return one line per fact, each "name: value" */
    static List<String> describe(long clockTicksPerSecond) {
        String cpu = firstValue(Path.of("/proc/cpuinfo"), "model name");
        String memory = firstValue(Path.of("/proc/meminfo"), "MemTotal");
        String os = firstValue(Path.of("/etc/os-release"), "PRETTY_NAME").replace("\"", "");
        return List.of(
                "cores: " + Runtime.getRuntime().availableProcessors() + " available to the JVM (" + cpu + ")",
                "memory: " + memory,
                "os: " + os + ", " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                "jvm of both servers (java on PATH): " + javaVersion(),
                "load average at start: " + read(Path.of("/proc/loadavg")).trim(),
                "clock ticks: " + clockTicksPerSecond + " per second (getconf CLK_TCK)");
    }

    private static String javaVersion() {
        try {
            Process java = new ProcessBuilder("java", "-version").redirectErrorStream(true).start();
            String out = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            java.waitFor(30, TimeUnit.SECONDS);
            return String.join("; ", out.lines().toList());
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static String firstValue(Path file, String key) {
        for (String line : read(file).split("\n")) {
            int sep = line.indexOf(line.contains(":") && !key.equals("PRETTY_NAME") ? ':' : '=');
            if (sep > 0 && line.substring(0, sep).trim().equals(key)) {
                return line.substring(sep + 1).trim();
            }
        }
        return "unknown";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
