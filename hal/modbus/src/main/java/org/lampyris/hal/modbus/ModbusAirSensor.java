package org.lampyris.hal.modbus;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.lampyris.hal.TimeSource;
import org.lampyris.hal.air.AirChannel;
import org.lampyris.hal.air.AirQualitySensor;
import org.lampyris.hal.air.AirSample;
import org.lampyris.hal.air.SensorException;
import org.lampyris.hal.modbus.profile.DeviceProfile;
import org.lampyris.hal.modbus.profile.Meanings;
import org.lampyris.hal.modbus.profile.ProfileValue;

/**
 * Air-quality sensors behind a Modbus device, as its profile maps them: the channels are the meanings the profile
 * maps, a sample is the poller's last complete read, and a device that does not answer cannot be sampled (a
 * {@link SensorException} with the reason) rather than report old air. A reading that is not a number (a float
 * register holding NaN, as sensors do while warming up) is missing from the sample.
 */
final class ModbusAirSensor implements AirQualitySensor {
    private static final Map<String, AirChannel> CHANNELS = Map.of(Meanings.PM1, AirChannel.PM1, Meanings.PM2_5,
            AirChannel.PM2_5, Meanings.PM10, AirChannel.PM10, Meanings.NO2, AirChannel.NO2, Meanings.O3,
            AirChannel.O3, Meanings.TEMPERATURE, AirChannel.TEMPERATURE, Meanings.HUMIDITY, AirChannel.HUMIDITY);

    private final String name;
    private final Set<AirChannel> channels;
    private final DevicePoller poller;
    private final TimeSource time;

    ModbusAirSensor(String name, DeviceProfile profile, DevicePoller poller, TimeSource time) {
        this.name = name;
        Set<AirChannel> mapped = EnumSet.noneOf(AirChannel.class);
        for (ProfileValue v : profile.values()) {
            mapped.add(CHANNELS.get(v.meaning()));
        }
        this.channels = Collections.unmodifiableSet(mapped);
        this.poller = poller;
        this.time = time;
    }

    @Override
    public Set<AirChannel> channels() {
        return channels;
    }

    @Override
    public AirSample sample() throws SensorException {
        DeviceStatus status = poller.status();
        if (!status.isAvailable()) {
            throw new SensorException(name + " unavailable: " + status.reason() + " (since " + status.time() + ")");
        }
        Map<AirChannel, Double> values = new EnumMap<>(AirChannel.class);
        status.values().forEach((meaning, value) -> {
            AirChannel channel = CHANNELS.get(meaning);
            if (channel != null && Double.isFinite(value)) {
                values.put(channel, value);
            }
        });
        return new AirSample(time.now(), values);
    }
}
