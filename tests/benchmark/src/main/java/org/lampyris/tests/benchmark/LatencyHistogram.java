package org.lampyris.tests.benchmark;

/**
 * Latencies in microseconds, counted without allocating per request: exact to the microsecond up to 100 ms, to the
 * millisecond up to 10 s, and clamped beyond.
 */
final class LatencyHistogram {
    private static final int FINE_LIMIT_US = 100_000;
    private static final int COARSE_STEP_US = 1_000;
    private static final int COARSE_BUCKETS = 9_900;

    private final int[] counts = new int[FINE_LIMIT_US + COARSE_BUCKETS + 1];
    private long total;

    void record(long micros) {
        int bucket;
        if (micros < FINE_LIMIT_US) {
            bucket = (int) Math.max(0, micros);
        } else {
            bucket = FINE_LIMIT_US + (int) Math.min(COARSE_BUCKETS, (micros - FINE_LIMIT_US) / COARSE_STEP_US);
        }
        counts[bucket]++;
        total++;
    }

    long count() {
        return total;
    }

    void clear() {
        java.util.Arrays.fill(counts, 0);
        total = 0;
    }

    /** @return the smallest latency that at least {@code fraction} of the recorded ones do not exceed, or 0 */
    long percentile(double fraction) {
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(fraction * total));
        long seen = 0;
        for (int bucket = 0; bucket < counts.length; bucket++) {
            seen += counts[bucket];
            if (seen >= rank) {
                return bucket < FINE_LIMIT_US ? bucket
                        : FINE_LIMIT_US + (long) (bucket - FINE_LIMIT_US) * COARSE_STEP_US;
            }
        }
        return FINE_LIMIT_US + (long) COARSE_BUCKETS * COARSE_STEP_US;
    }
}
