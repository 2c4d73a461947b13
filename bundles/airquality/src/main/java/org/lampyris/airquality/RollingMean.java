package org.lampyris.airquality;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * The mean of the valid samples of the last window of post time: a sample mean, every sample weighing the same. The
 * samples are taken at a fixed period, so this equals the time-weighted mean wherever there is data, and unlike a
 * time-weighted mean it does not stretch a value over a gap where the sensor was faulty.
 * <p>
 * Memory is bounded whatever the sampling period: the window is kept as {@value #BUCKETS} partial sums, so its far
 * edge advances in steps of 1/{@value #BUCKETS} of the window (10 s for an hour, 4 min for a day). A sample is in the
 * mean at {@code now} if its bucket is one of the {@value #BUCKETS} buckets ending with the bucket of {@code now}.
 * <p>
 * A mean is known only when the window is covered well enough: its valid samples, each standing for one sampling
 * period, must cover the configured share of the window. Not thread-safe.
 */
final class RollingMean {
    /** Partial sums per window: enough resolution at the window's edge, a few kilobytes per mean. */
    static final int BUCKETS = 360;

    private final long bucketMillis;
    private final double samplesPerWindow;
    private final double minCoverage;
    // Slot i holds the bucket numbered index[i]; a bucket's number is its start in epoch millis / bucketMillis.
    private final long[] index = new long[BUCKETS];
    private final double[] sum = new double[BUCKETS];
    private final int[] count = new int[BUCKETS];

    /**
     * @param window the span averaged
     * @param period the sampling period, to tell how many samples a full window holds
     * @param minCoverage the share of the window, 0 to 1, valid samples must cover for the mean to be known
     */
    RollingMean(Duration window, Duration period, double minCoverage) {
        this.bucketMillis = Math.max(1, window.toMillis() / BUCKETS);
        this.samplesPerWindow = (double) window.toMillis() / Math.max(1, period.toMillis());
        this.minCoverage = minCoverage;
        Arrays.fill(index, Long.MIN_VALUE);
    }

    /** Counts a valid sample. A sample older than the window is ignored. */
    void add(Instant time, double value) {
        long bucket = bucket(time);
        int slot = slot(bucket);
        if (index[slot] > bucket) {
            return;
        }
        if (index[slot] != bucket) {
            index[slot] = bucket;
            sum[slot] = 0;
            count[slot] = 0;
        }
        sum[slot] += value;
        count[slot]++;
    }

    /** Takes back a sample added earlier, if it is still in the window. */
    void remove(Instant time, double value) {
        long bucket = bucket(time);
        int slot = slot(bucket);
        if (index[slot] == bucket && count[slot] > 0) {
            sum[slot] -= value;
            count[slot]--;
        }
    }

    /** @return the mean at a time, empty if the valid samples in the window do not cover enough of it */
    OptionalDouble mean(Instant now) {
        long last = bucket(now);
        double total = 0;
        int samples = 0;
        for (int i = 0; i < BUCKETS; i++) {
            if (index[i] <= last && index[i] > last - BUCKETS) {
                total += sum[i];
                samples += count[i];
            }
        }
        if (samples == 0 || samples < minCoverage * samplesPerWindow) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(total / samples);
    }

    private long bucket(Instant time) {
        return Math.floorDiv(time.toEpochMilli(), bucketMillis);
    }

    private static int slot(long bucket) {
        return (int) Math.floorMod(bucket, (long) BUCKETS);
    }
}
