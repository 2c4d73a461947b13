package org.lampyris.tests.benchmark;

import java.util.ArrayList;
import java.util.List;

/**
 * Every figure the benchmark reports, in the order of the table, with the targets of issue 7. Figures of parts that
 * do not exist yet (DTLS, remote management) are rows that say so rather than numbers.
 */
final class Figures {
    static final String GET_FAILED = "get.failed";
    static final String BOOT = "boot";
    static final String IDLE_RSS = "rss.idle";
    static final String PEAK_RSS = "rss.peak";
    static final String SUSTAINED_THROUGHPUT = "sustained.throughput";
    static final String OBSERVE_DROPS = "observe.drops";

    private Figures() {
    }

    static String throughput(int outstanding) {
        return "get.throughput." + outstanding;
    }

    static String p50(int outstanding) {
        return "get.p50." + outstanding;
    }

    static String p99(int outstanding) {
        return "get.p99." + outstanding;
    }

    static String cpu(int outstanding) {
        return "get.cpu." + outstanding;
    }

    static String fanOut(int observers) {
        return "observe." + observers;
    }

    /** @return the rows of the table for a run with these options */
    static List<Figure> of(BenchmarkOptions options) {
        List<Figure> rows = new ArrayList<>();
        for (int n : options.outstanding()) {
            rows.add(Figure.measured(throughput(n), "GET throughput, " + n + " outstanding", "req/s",
                    Target.ratioAtLeast(0.85)));
        }
        for (int n : options.outstanding()) {
            rows.add(Figure.measured(p50(n), "GET latency p50, " + n + " outstanding", "us", Target.NONE));
        }
        for (int n : options.outstanding()) {
            rows.add(Figure.measured(p99(n), "GET latency p99, " + n + " outstanding", "us",
                    Target.ratioAtMost(1.25)));
        }
        for (int n : options.outstanding()) {
            rows.add(Figure.measured(cpu(n), "server CPU per GET, " + n + " outstanding", "us",
                    Target.ratioAtMost(1.15)));
        }
        rows.add(Figure.measured(GET_FAILED, "GETs failed (timeout or error), all windows", "count", Target.NONE));
        rows.add(Figure.notYet("dtls.throughput", "GET throughput over DTLS, 1/8/32 outstanding", "req/s",
                Target.ratioAtLeast(0.85)));
        rows.add(Figure.notYet("dtls.p99", "GET latency p99 over DTLS, 1/8/32 outstanding", "us",
                Target.ratioAtMost(1.25)));
        rows.add(Figure.notYet("dtls.cpu", "server CPU per GET over DTLS", "us", Target.ratioAtMost(1.15)));
        for (int n : options.observers()) {
            rows.add(Figure.measured(fanOut(n), "observe fan-out to " + n + " observers", "ms", Target.NONE));
        }
        rows.add(Figure.measured(OBSERVE_DROPS, "datagrams the server socket dropped (buffer full), fan-outs",
                "count", Target.NONE));
        rows.add(Figure.measured(BOOT, "boot to first answered GET", "ms", Target.ratioAtMost(3)));
        rows.add(Figure.measured(IDLE_RSS, "resident memory, idle after boot", "MiB", Target.platformBelow(100)));
        rows.add(Figure.measured(PEAK_RSS, "resident memory, peak (VmHWM) after sustained load", "MiB",
                Target.platformBelow(160)));
        rows.add(Figure.measured(SUSTAINED_THROUGHPUT, "GET throughput, sustained load, 32 outstanding", "req/s",
                Target.NONE));
        rows.add(Figure.notYet("hotupdate.time", "hot update: end of upload to new version answering", "ms",
                Target.platformBelow(500)));
        rows.add(Figure.notYet("hotupdate.failed", "hot update: failed requests to other points", "requests",
                Target.platformAtMost(0)));
        return rows;
    }
}
