package org.lampyris.airquality;

import java.util.Objects;

import org.lampyris.hal.air.AirChannel;

/**
 * What one sample told about one channel: a valid value, or why there is none.
 *
 * @param channel the channel
 * @param health whether the value is valid, and if not, why
 * @param value the value in the channel's unit when {@link #valid()}, otherwise NaN
 * @param reason a sentence for {@code /air/status} and for the error a client gets when reading the channel
 */
record ChannelReading(AirChannel channel, Health health, double value, String reason) {

    ChannelReading {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(reason, "reason");
    }

    static ChannelReading ok(AirChannel channel, double value) {
        return new ChannelReading(channel, Health.OK, value, "valid reading");
    }

    static ChannelReading missing(AirChannel channel) {
        return new ChannelReading(channel, Health.MISSING, Double.NaN,
                "the sensor has no " + label(channel) + " channel");
    }

    static ChannelReading failed(AirChannel channel, String reason) {
        return new ChannelReading(channel, Health.FAILED, Double.NaN, reason);
    }

    /** @return whether the value is published and counted in the means */
    boolean valid() {
        return health == Health.OK;
    }

    /** @return the last segment of the channel's standard path, also its key in reports: {@code pm25} */
    static String key(AirChannel channel) {
        return switch (channel) {
            case PM1 -> "pm1";
            case PM2_5 -> "pm25";
            case PM10 -> "pm10";
            case NO2 -> "no2";
            case O3 -> "o3";
            case TEMPERATURE -> "temperature";
            case HUMIDITY -> "humidity";
        };
    }

    /** @return how people write the channel: {@code PM2.5} */
    static String label(AirChannel channel) {
        return switch (channel) {
            case PM1 -> "PM1";
            case PM2_5 -> "PM2.5";
            case PM10 -> "PM10";
            case NO2 -> "NO2";
            case O3 -> "O3";
            case TEMPERATURE -> "temperature";
            case HUMIDITY -> "humidity";
        };
    }
}
