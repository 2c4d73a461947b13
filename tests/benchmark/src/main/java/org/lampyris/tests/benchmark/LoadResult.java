package org.lampyris.tests.benchmark;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What one run of the {@link LoadGenerator} measured, and the one line it prints for the benchmark to read.
 *
 * @param outstanding requests kept outstanding at once
 * @param answered    requests answered with 2.05 Content within the measured window
 * @param failed      requests that timed out (no answer within the CoAP ACK timeout) or got an error code
 * @param seconds     length of the measured window
 * @param p50Micros   median latency of the answered requests, in microseconds
 * @param p99Micros   99th percentile latency, in microseconds
 */
record LoadResult(int outstanding, long answered, long failed, double seconds, long p50Micros, long p99Micros) {
    /** The first word of the result line. */
    static final String PREFIX = "RESULT";

    /** @return answered requests per second */
    double throughput() {
        return seconds <= 0 ? 0 : answered / seconds;
    }

    String line() {
        return String.format(Locale.ROOT,
                "%s outstanding=%d answered=%d failed=%d seconds=%.3f throughput=%.1f p50_us=%d p99_us=%d", PREFIX,
                outstanding, answered, failed, seconds, throughput(), p50Micros, p99Micros);
    }

    static LoadResult parse(String line) {
        if (!line.startsWith(PREFIX + " ")) {
            throw new IllegalArgumentException("not a result line: " + line);
        }
        Map<String, String> fields = new HashMap<>();
        for (String field : line.substring(PREFIX.length() + 1).split(" ")) {
            int eq = field.indexOf('=');
            fields.put(field.substring(0, eq), field.substring(eq + 1));
        }
        return new LoadResult(Integer.parseInt(fields.get("outstanding")), Long.parseLong(fields.get("answered")),
                Long.parseLong(fields.get("failed")), Double.parseDouble(fields.get("seconds")),
                Long.parseLong(fields.get("p50_us")), Long.parseLong(fields.get("p99_us")));
    }
}
