package org.lampyris.tests.benchmark;

import java.util.ArrayList;
import java.util.List;

/**
 * Every figure the benchmark reports, in the order of the table, with the targets of issue 7: the GET figures once
 * over plain CoAP and once over DTLS, with the same targets, and the hot update's figures, which only the platform
 * has. A figure of a part that does not exist yet would be a row that says so rather than a number.
 */
final class Figures {
    static final String GET_FAILED = "get.failed";
    static final String BOOT = "boot";
    static final String IDLE_RSS = "rss.idle";
    static final String PEAK_RSS = "rss.peak";
    static final String IDLE_THREADS = "threads.idle";
    /** Threads at the end of the storage window of the power cycle's third boot: what an idle post keeps. */
    static final String SETTLED_THREADS = "threads.settled";
    /** The same three figures of the platform with its OCPP client on ({@link ServerLaunch#OCPP_ON}), against bare. */
    static final String OCPP_BOOT = "ocpp.boot";
    static final String STORAGE_FIRST_BOOT = "storage.boot.first";
    static final String STORAGE_BOOT = "storage.boot";
    static final String STORAGE_IDLE_HOUR = "storage.idle.hour";
    static final String LAMP_AT_LEVEL = "lamp.level";
    static final String OCPP_IDLE_RSS = "ocpp.rss.idle";
    static final String OCPP_IDLE_THREADS = "ocpp.threads.idle";
    static final String SUSTAINED_THROUGHPUT = "sustained.throughput";
    static final String OBSERVE_DROPS = "observe.drops";
    static final String HOT_UPDATE_TIME = "hotupdate.time";
    static final String HOT_UPDATE_FAILED = "hotupdate.failed";

    private Figures() {
    }

    static String throughput(int outstanding) {
        return throughput(Transport.PLAIN, outstanding);
    }

    static String p50(int outstanding) {
        return p50(Transport.PLAIN, outstanding);
    }

    static String p99(int outstanding) {
        return p99(Transport.PLAIN, outstanding);
    }

    static String cpu(int outstanding) {
        return cpu(Transport.PLAIN, outstanding);
    }

    static String throughput(Transport transport, int outstanding) {
        return transport.prefix() + "get.throughput." + outstanding;
    }

    static String p50(Transport transport, int outstanding) {
        return transport.prefix() + "get.p50." + outstanding;
    }

    static String p99(Transport transport, int outstanding) {
        return transport.prefix() + "get.p99." + outstanding;
    }

    static String cpu(Transport transport, int outstanding) {
        return transport.prefix() + "get.cpu." + outstanding;
    }

    /** @return the load generator's own CPU per answered GET, while it loaded one side */
    static String generatorCpu(Transport transport, int outstanding) {
        return transport.prefix() + "generator.cpu." + outstanding;
    }

    static String failed(Transport transport) {
        return transport.prefix() + GET_FAILED;
    }

    static String fanOut(int observers) {
        return "observe." + observers;
    }

    /** @return the rows of the table for a run with these options */
    static List<Figure> of(BenchmarkOptions options) {
        List<Figure> rows = new ArrayList<>();
        for (Transport transport : Transport.values()) {
            rows.addAll(getRows(transport, options.outstanding()));
        }
        for (int n : options.observers()) {
            rows.add(Figure.measured(fanOut(n), "observe fan-out to " + n + " observers", "ms", Target.NONE));
        }
        rows.add(Figure.measured(OBSERVE_DROPS, "datagrams the server socket dropped (buffer full), fan-outs",
                "count", Target.NONE));
        rows.add(Figure.measured(BOOT, "boot to first answered GET", "ms", Target.ratioAtMost(2)));
        rows.add(Figure.measured(IDLE_RSS, "resident memory, idle after boot", "MiB", Target.ratioAtMost(1.4)));
        rows.add(Figure.measured(IDLE_THREADS, "threads, idle after boot", "threads", Target.NONE));
        rows.add(Figure.measured(SETTLED_THREADS, "threads at idle (the third boot, after its storage window)",
                "threads", Target.platformAtMost(24)));
        rows.add(Figure.measured(OCPP_BOOT, "platform+ocpp: boot to first answered GET", "ms", Target.NONE));
        rows.add(Figure.measured(OCPP_IDLE_RSS, "platform+ocpp: resident memory, idle after boot", "MiB",
                Target.NONE));
        rows.add(Figure.measured(OCPP_IDLE_THREADS, "platform+ocpp: threads, idle after boot", "threads",
                Target.NONE));
        rows.add(Figure.measured(STORAGE_FIRST_BOOT, "storage written, first boot (empty data directory)", "KiB",
                Target.NONE));
        rows.add(Figure.measured(STORAGE_BOOT, "storage written, a later boot (the third on its data directory)",
                "KiB", Target.platformAtMost(64)));
        rows.add(Figure.measured(STORAGE_IDLE_HOUR, "storage written per idle hour (extrapolated)", "KiB",
                Target.platformAtMost(100)));
        rows.add(Figure.platformOnly(LAMP_AT_LEVEL, "power-on to lamp at its scheduled level (the third boot)", "ms",
                Target.NONE));
        rows.add(Figure.measured(PEAK_RSS, "resident memory, peak (VmHWM) after sustained load", "MiB",
                Target.ratioAtMost(1.6)));
        rows.add(Figure.measured(SUSTAINED_THROUGHPUT, "GET throughput, sustained load, 32 outstanding", "req/s",
                Target.NONE));
        rows.add(Figure.platformOnly(HOT_UPDATE_TIME, "hot update: end of upload to new version answering", "ms",
                Target.platformBelow(500)));
        rows.add(Figure.platformOnly(HOT_UPDATE_FAILED, "hot update: failed requests to other points", "requests",
                Target.platformAtMost(0)));
        return rows;
    }

    private static List<Figure> getRows(Transport transport, List<Integer> outstanding) {
        List<Figure> rows = new ArrayList<>();
        String over = transport.suffix();
        for (int n : outstanding) {
            rows.add(Figure.measured(throughput(transport, n), "GET throughput" + over + ", " + n + " outstanding",
                    "req/s", Target.ratioAtLeast(0.85)));
        }
        for (int n : outstanding) {
            rows.add(Figure.measured(p50(transport, n), "GET latency p50" + over + ", " + n + " outstanding", "us",
                    Target.NONE));
        }
        for (int n : outstanding) {
            rows.add(Figure.measured(p99(transport, n), "GET latency p99" + over + ", " + n + " outstanding", "us",
                    Target.ratioAtMost(1.25)));
        }
        for (int n : outstanding) {
            rows.add(Figure.measured(cpu(transport, n), "server CPU per GET" + over + ", " + n + " outstanding", "us",
                    Target.ratioAtMost(1.15)));
        }
        for (int n : outstanding) {
            rows.add(Figure.harness(generatorCpu(transport, n), "load generator's own CPU per GET" + over + ", " + n
                    + " outstanding", "us"));
        }
        rows.add(Figure.measured(failed(transport), "GETs failed" + over + " (timeout or error), all windows",
                "count", Target.NONE));
        return rows;
    }
}
