package org.lampyris.airquality;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;

import org.lampyris.hal.air.AirChannel;

/**
 * Judges the values of one channel, sample after sample: out of its plausible range, or stuck at one value for the
 * configured number of consecutive samples. Not thread-safe: the {@link AirMonitor} calls it under its lock.
 */
final class ChannelCheck {
    private final AirChannel channel;
    private final PlausibleRange range;
    private final int stuckSamples;
    private final Duration memory;

    private double runValue = Double.NaN;
    private int runLength;
    // The times of the current run's earlier samples, which were counted in the means as valid: when the run turns
    // out to be stuck, they are withdrawn. Only times still inside the longest mean window are worth keeping.
    private final ArrayDeque<Instant> runTimes = new ArrayDeque<>();

    /**
     * @param channel the channel judged
     * @param range its plausible values
     * @param stuckSamples how many equal consecutive values make it stuck; below 2 the check is off
     * @param memory the longest mean window: samples older than this are in no mean and need no withdrawing
     */
    ChannelCheck(AirChannel channel, PlausibleRange range, int stuckSamples, Duration memory) {
        this.channel = channel;
        this.range = range;
        this.stuckSamples = stuckSamples;
        this.memory = memory;
    }

    /**
     * The verdict on one value.
     *
     * @param reading the channel's reading
     * @param withdrawn times of earlier samples of this channel, counted as valid then, now known to have been stuck
     */
    record Verdict(ChannelReading reading, List<Instant> withdrawn) {
    }

    /**
     * @param time when the value was sampled
     * @param value the value the sensor gave
     * @return whether it is valid, and which earlier samples to take out of the means
     */
    Verdict judge(Instant time, double value) {
        if (!range.contains(value)) {
            // An implausible value breaks the run: the run holds only values counted in the means.
            restartRun(Double.NaN);
            return new Verdict(new ChannelReading(channel, Health.OUT_OF_RANGE, Double.NaN, AirShown.number(value)
                    + " is outside the plausible range " + range), List.of());
        }
        if (Double.compare(value, runValue) != 0) {
            restartRun(value);
        }
        runLength++;
        if (stuckSamples >= 2 && runLength >= stuckSamples) {
            List<Instant> withdrawn = List.copyOf(runTimes);
            runTimes.clear();
            // The reason names the configured count, not the growing run, so that the status stays quiet while stuck.
            return new Verdict(new ChannelReading(channel, Health.STUCK, Double.NaN, "unchanged at "
                    + AirShown.number(value) + " " + channel.unit() + " for " + stuckSamples
                    + " consecutive samples or more"), withdrawn);
        }
        if (stuckSamples >= 2) {
            runTimes.addLast(time);
            while (runTimes.peekFirst().isBefore(time.minus(memory))) {
                runTimes.removeFirst();
            }
        }
        return new Verdict(ChannelReading.ok(channel, value), List.of());
    }

    private void restartRun(double value) {
        runValue = value;
        runLength = 0;
        runTimes.clear();
    }
}
