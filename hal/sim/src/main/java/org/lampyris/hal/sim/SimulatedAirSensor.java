package org.lampyris.hal.sim;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.lampyris.hal.TimeSource;
import org.lampyris.hal.air.AirChannel;
import org.lampyris.hal.air.AirQualitySensor;
import org.lampyris.hal.air.AirSample;
import org.lampyris.hal.air.SensorException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulated air-quality sensors. Each reading is a function of the seed and the post time only: a daily pattern
 * (traffic peaks of NO2 at 8:00 and 18:00, ozone in the afternoon, cool humid nights) plus seeded noise, so that a
 * test or a demo sees the same air every time it asks for the same moment.
 */
@Component(configurationPid = SimulatedAirSensor.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = SimulatedAirSensor.Config.class)
public class SimulatedAirSensor implements AirQualitySensor {
    static final String PID = "org.lampyris.hal.sim.air";
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedAirSensor.class);

    @ObjectClassDefinition(id = PID, name = "Lampyris simulated air sensors",
            description = "The air-quality sensors of the simulated post.")
    public @interface Config {
        @AttributeDefinition(name = "Seed", description = "Readings are a function of this seed and the post time.")
        long seed() default 1;

        @AttributeDefinition(name = "Missing channels",
                description = "Channels the hardware does not have: PM1, PM2_5, PM10, NO2, O3, TEMPERATURE, HUMIDITY.")
        String[] missing() default {};

        @AttributeDefinition(name = "Stuck channels",
                description = "Channels that always report the same value, as a stuck sensor does.")
        String[] stuck() default {};

        @AttributeDefinition(name = "Broken", description = "The sensor cannot be read at all.")
        boolean broken() default false;
    }

    private final TimeSource time;
    private final SeededNoise noise;
    private final Set<AirChannel> channels;
    private final Set<AirChannel> stuck;
    private final boolean broken;

    @Activate
    public SimulatedAirSensor(@Reference TimeSource time, Config config) {
        this.time = time;
        this.noise = new SeededNoise(config.seed());
        Set<AirChannel> present = EnumSet.allOf(AirChannel.class);
        present.removeAll(channels(config.missing()));
        this.channels = Set.copyOf(present);
        this.stuck = Set.copyOf(channels(config.stuck()));
        this.broken = config.broken();
        LOG.info("Simulated air sensors: {}{}{}", channels, stuck.isEmpty() ? "" : ", stuck " + stuck,
                broken ? ", broken" : "");
    }

    @Override
    public Set<AirChannel> channels() {
        return channels;
    }

    @Override
    public AirSample sample() throws SensorException {
        if (broken) {
            throw new SensorException("air sensor does not answer on its bus");
        }
        Instant now = time.now();
        return sampleAt(now, time.zone());
    }

    AirSample sampleAt(Instant instant, java.time.ZoneId zone) {
        ZonedDateTime local = instant.atZone(zone);
        double hour = local.getHour() + local.getMinute() / 60.0 + local.getSecond() / 3600.0;
        // Readings change every simulated minute, as a real sensor's averaging window does.
        long minute = Math.floorDiv(instant.getEpochSecond(), 60);
        Map<AirChannel, Double> values = new EnumMap<>(AirChannel.class);
        for (AirChannel c : channels) {
            boolean frozen = stuck.contains(c);
            long when = frozen ? 0 : minute;
            double h = frozen ? 12 : hour;
            // The particulate fractions share one PM2.5 level, so that PM1 <= PM2.5 <= PM10 as in real air.
            double pm25 = 12 + 14 * traffic(h) + 6 * noise.between(-1, 1, AirChannel.PM2_5.ordinal(), when);
            values.put(c, round(c, value(c, h, pm25, noise.between(-1, 1, c.ordinal(), when))));
        }
        return new AirSample(instant, values);
    }

    private static double value(AirChannel channel, double hour, double pm25, double noise) {
        double cycle = Math.sin((hour - 9) / 24 * 2 * Math.PI);
        return switch (channel) {
            case PM2_5 -> pm25;
            case PM10 -> pm25 * 1.5 + 2 * Math.abs(noise);
            case PM1 -> pm25 * (0.7 - 0.05 * Math.abs(noise));
            case NO2 -> 18 + 40 * traffic(hour) + 5 * noise;
            case O3 -> 30 + 55 * peak(hour, 15, 3) + 5 * noise;
            case TEMPERATURE -> 11 + 6 * cycle + 0.5 * noise;
            case HUMIDITY -> 75 - 18 * cycle + 3 * noise;
        };
    }

    private static double traffic(double hour) {
        return peak(hour, 8, 1.5) + peak(hour, 18, 2);
    }

    /** A bell around an hour of the day, 1 at its centre. */
    private static double peak(double hour, double centre, double width) {
        double d = hour - centre;
        return Math.exp(-d * d / (2 * width * width));
    }

    /** Concentrations cannot be negative; a temperature can. */
    private static double round(AirChannel channel, double v) {
        double bounded = channel == AirChannel.TEMPERATURE ? v : Math.max(0, v);
        return Math.round(bounded * 10) / 10.0;
    }

    private static Set<AirChannel> channels(String[] names) {
        Set<AirChannel> set = EnumSet.noneOf(AirChannel.class);
        for (String n : names) {
            try {
                set.add(AirChannel.valueOf(n.trim().toUpperCase()));
            } catch (IllegalArgumentException e) {
                LOG.error("Unknown air channel '{}' in configuration; known: {}", n, EnumSet.allOf(AirChannel.class));
            }
        }
        return set;
    }
}
