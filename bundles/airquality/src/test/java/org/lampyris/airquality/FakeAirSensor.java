package org.lampyris.airquality;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.lampyris.hal.air.AirChannel;
import org.lampyris.hal.air.AirQualitySensor;
import org.lampyris.hal.air.AirSample;
import org.lampyris.hal.air.SensorException;
import org.lampyris.testkit.ManualTime;

/** Air sensors whose every value the test sets; they can lack channels, drop values or fail as a whole. */
final class FakeAirSensor implements AirQualitySensor {
    private final ManualTime time;
    final Set<AirChannel> channels = EnumSet.allOf(AirChannel.class);
    final Map<AirChannel, Double> values = new EnumMap<>(AirChannel.class);
    String failure;
    RuntimeException bug;

    /** Clean air on a mild day, with every channel present. */
    FakeAirSensor(ManualTime time) {
        this.time = time;
        values.put(AirChannel.PM1, 4.0);
        values.put(AirChannel.PM2_5, 6.0);
        values.put(AirChannel.PM10, 11.0);
        values.put(AirChannel.NO2, 20.0);
        values.put(AirChannel.O3, 30.0);
        values.put(AirChannel.TEMPERATURE, 12.5);
        values.put(AirChannel.HUMIDITY, 70.0);
    }

    FakeAirSensor set(AirChannel channel, double value) {
        values.put(channel, value);
        return this;
    }

    @Override
    public Set<AirChannel> channels() {
        return Set.copyOf(channels);
    }

    @Override
    public AirSample sample() throws SensorException {
        if (bug != null) {
            throw bug;
        }
        if (failure != null) {
            throw new SensorException(failure);
        }
        Map<AirChannel, Double> sample = new EnumMap<>(AirChannel.class);
        values.forEach((c, v) -> {
            if (channels.contains(c)) {
                sample.put(c, v);
            }
        });
        return new AirSample(time.now(), sample);
    }
}
