package org.lampyris.hal.air;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One reading of the air-quality sensors.
 *
 * @param time when it was taken, in post time
 * @param values the value of each channel that could be read, in the channel's unit
 */
public record AirSample(Instant time, Map<AirChannel, Double> values) {

    public AirSample {
        values = Map.copyOf(values);
    }

    /**
     * @param channel a channel
     * @return its value in this sample, if it was read
     */
    public Optional<Double> value(AirChannel channel) {
        return Optional.ofNullable(values.get(channel));
    }
}
