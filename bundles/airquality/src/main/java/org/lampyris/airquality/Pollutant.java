package org.lampyris.airquality;

import java.util.Optional;

import org.lampyris.hal.air.AirChannel;

/** The channels that measure a pollutant concentration: those with rolling means, index bands and alerts. */
enum Pollutant {
    PM1(AirChannel.PM1),
    PM25(AirChannel.PM2_5),
    PM10(AirChannel.PM10),
    NO2(AirChannel.NO2),
    O3(AirChannel.O3);

    private final AirChannel channel;

    Pollutant(AirChannel channel) {
        this.channel = channel;
    }

    /** @return the sensor channel that measures it */
    AirChannel channel() {
        return channel;
    }

    /** @return its key in reports, alerts and configuration: {@code pm25} */
    String key() {
        return ChannelReading.key(channel);
    }

    /** @return the pollutant a channel measures, empty for temperature and humidity */
    static Optional<Pollutant> of(AirChannel channel) {
        for (Pollutant p : values()) {
            if (p.channel == channel) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** @return the pollutant with a key, empty if there is none */
    static Optional<Pollutant> forKey(String key) {
        for (Pollutant p : values()) {
            if (p.key().equals(key)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
