package org.lampyris.hal.sim;

import java.time.Instant;
import java.time.ZoneId;
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
import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulated air-quality sensors. Each reading is a function of the seed, the position and the post time only: a daily
 * pattern in local time (NO2 and particulates peaking with the traffic at 8:00 and 18:00, ozone in the afternoon, cool
 * humid nights) plus seeded noise that drifts smoothly from minute to minute and from day to day, so that a test or a
 * demo sees the same air every time it asks for the same moment, and a chart of it looks like a real street.
 */
// Registered by hand (it steps back for a real device, see SteppingBack), so the resolver is told it is offered.
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.lampyris.hal.air.AirQualitySensor")
@Component(service = {}, configurationPid = SimulatedAirSensor.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = SimulatedAirSensor.Config.class)
public class SimulatedAirSensor implements AirQualitySensor {
    static final String PID = "org.lampyris.hal.sim.air";
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedAirSensor.class);

    /** The configuration of the simulated air sensors. */
    @ObjectClassDefinition(id = PID, name = "Lampyris simulated air sensors",
            description = "The air-quality sensors of the simulated post.")
    public @interface Config {
        @AttributeDefinition(name = "Seed", description = "Readings are a function of this seed and the post time.")
        long seed() default 1;

        @AttributeDefinition(name = "Latitude",
                description = "Degrees north (WGS 84); with the longitude it varies the noise, so that "
                        + "neighbouring posts with the same seed do not read exactly the same air.",
                min = "-90", max = "90")
        double latitude() default 52.3676;

        @AttributeDefinition(name = "Longitude", description = "Degrees east (WGS 84); see latitude.",
                min = "-180", max = "180")
        double longitude() default 4.9041;

        @AttributeDefinition(name = "Missing channels",
                description = "Channels the hardware does not have: PM1, PM2_5, PM10, NO2, O3, TEMPERATURE, HUMIDITY.")
        String[] missing() default {};

        @AttributeDefinition(name = "Stuck channels",
                description = "Channels that always report the same value, as a stuck sensor does.")
        String[] stuck() default {};

        @AttributeDefinition(name = "Broken", description = "The sensor cannot be read at all: sample() throws.")
        boolean broken() default false;
    }

    private final TimeSource time;
    private final SeededNoise noise;
    private final Set<AirChannel> channels;
    private final Set<AirChannel> stuck;
    private final boolean broken;

    private final SteppingBack<AirQualitySensor> steppingBack = new SteppingBack<>(AirQualitySensor.class, this,
            "simulated air sensors");

    @Activate
    public SimulatedAirSensor(@Reference TimeSource time, Config config, BundleContext context) {
        this(time, config);
        steppingBack.offer(context);
    }

    /** A simulated device that is no service: for tests, which call it directly. */
    public SimulatedAirSensor(TimeSource time, Config config) {
        this.time = time;
        long placed = new SeededNoise(config.seed()).bits(Double.doubleToLongBits(config.latitude()),
                Double.doubleToLongBits(config.longitude()));
        this.noise = new SeededNoise(placed);
        Set<AirChannel> present = EnumSet.allOf(AirChannel.class);
        present.removeAll(channels(config.missing()));
        this.channels = Set.copyOf(present);
        this.stuck = Set.copyOf(channels(config.stuck()));
        this.broken = config.broken();
        LOG.info("Simulated air sensors {} at {}, {}, seed {}{}{}", EnumSet.copyOf(present), config.latitude(),
                config.longitude(), config.seed(), stuck.isEmpty() ? "" : ", stuck " + stuck, broken ? ", broken" : "");
    }

    @Deactivate
    void deactivate() {
        steppingBack.close();
    }

    @Override
    public Set<AirChannel> channels() {
        return channels;
    }

    @Override
    public AirSample sample() throws SensorException {
        if (broken) {
            throw new SensorException("air sensor does not answer on its bus (simulated fault 'broken')");
        }
        return sampleAt(time.now(), time.zone());
    }

    /** @return the sample at an instant of post time, seen in a time zone */
    AirSample sampleAt(Instant instant, ZoneId zone) {
        ZonedDateTime local = instant.atZone(zone);
        double hour = local.getHour() + local.getMinute() / 60.0 + local.getSecond() / 3600.0;
        // Readings change every simulated minute, as a real sensor's averaging window does.
        double minutes = Math.floorDiv(instant.getEpochSecond(), 60);
        Map<AirChannel, Double> values = new EnumMap<>(AirChannel.class);
        for (AirChannel c : channels) {
            // A stuck channel reads the same, whatever the time: its value at one fixed moment.
            boolean frozen = stuck.contains(c);
            values.put(c, round(c, value(c, frozen ? 12 : hour, frozen ? 0 : minutes)));
        }
        return new AirSample(instant, values);
    }

    private double value(AirChannel channel, double hour, double minutes) {
        // The weather changes over days and moves every quantity a little; the rest drifts over half an hour.
        double weather = noise.smooth(minutes / 1440, 100);
        double drift = noise.smooth(minutes / 30, channel.ordinal());
        double cycle = Math.sin((hour - 9) / 24 * 2 * Math.PI);
        // The particulate fractions share one PM2.5 level, so that PM1 < PM2.5 < PM10 as in real air.
        double pm25 = 14 + 14 * traffic(hour) + 4 * weather + 3 * noise.smooth(minutes / 30, 99);
        return switch (channel) {
            case PM2_5 -> pm25;
            case PM10 -> pm25 * (1.5 + 0.1 * drift);
            case PM1 -> pm25 * (0.7 + 0.04 * drift);
            case NO2 -> 17 + 38 * traffic(hour) + 4 * drift;
            case O3 -> 25 + 60 * peak(hour, 15, 3) + 5 * drift;
            case TEMPERATURE -> 12.5 + 7 * cycle + weather + 0.3 * drift;
            case HUMIDITY -> 72 - 20 * cycle - 2 * weather + 2 * drift;
        };
    }

    /** Rush hours: a sharp morning peak at 8:00, a broader evening one at 18:00. */
    private static double traffic(double hour) {
        return peak(hour, 8, 1.5) + peak(hour, 18, 2);
    }

    /** A bell around an hour of the day, 1 at its centre. */
    private static double peak(double hour, double centre, double width) {
        double d = hour - centre;
        return Math.exp(-d * d / (2 * width * width));
    }

    /** Concentrations cannot be negative and humidity cannot pass 100 %; a temperature can be anything. */
    private static double round(AirChannel channel, double v) {
        double bounded = switch (channel) {
            case TEMPERATURE -> v;
            case HUMIDITY -> Math.max(0, Math.min(100, v));
            default -> Math.max(0, v);
        };
        return Math.round(bounded * 10) / 10.0;
    }

    private static Set<AirChannel> channels(String[] names) {
        Set<AirChannel> set = EnumSet.noneOf(AirChannel.class);
        for (String n : names == null ? new String[0] : names) {
            if (n == null || n.isBlank()) {
                continue;
            }
            try {
                set.add(AirChannel.valueOf(n.trim().toUpperCase().replace('.', '_')));
            } catch (IllegalArgumentException e) {
                LOG.error("Unknown air channel '{}' in configuration; known: {}", n, EnumSet.allOf(AirChannel.class));
            }
        }
        return set;
    }
}
