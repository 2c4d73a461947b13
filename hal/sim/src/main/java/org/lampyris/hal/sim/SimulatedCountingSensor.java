package org.lampyris.hal.sim;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.lampyris.hal.Subscription;
import org.lampyris.hal.TimeSource;
import org.lampyris.hal.counting.CountingSensor;
import org.lampyris.hal.counting.Detection;
import org.lampyris.hal.counting.Direction;
import org.lampyris.hal.counting.RoadUser;
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
 * A simulated counting sensor: pedestrians, cyclists and vehicles pass at seeded times of post time, more by day than
 * by night. The detections of each minute of post time are a pure function of the seed and that minute.
 */
@Component(configurationPid = SimulatedCountingSensor.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = SimulatedCountingSensor.Config.class)
public class SimulatedCountingSensor implements CountingSensor {
    static final String PID = "org.lampyris.hal.sim.counting";
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedCountingSensor.class);

    @ObjectClassDefinition(id = PID, name = "Lampyris simulated counting sensor",
            description = "The radar of the simulated post and the road users it sees.")
    public @interface Config {
        @AttributeDefinition(name = "Seed", description = "Who passes when follows from this seed.")
        long seed() default 1;

        @AttributeDefinition(name = "Pedestrians per hour", description = "At the busiest time of day.", min = "0")
        double pedestrians_per_hour() default 30;

        @AttributeDefinition(name = "Cyclists per hour", description = "At the busiest time of day.", min = "0")
        double cyclists_per_hour() default 10;

        @AttributeDefinition(name = "Vehicles per hour", description = "At the busiest time of day.", min = "0")
        double vehicles_per_hour() default 60;

        @AttributeDefinition(name = "Dwell (s)",
                description = "How long, in post seconds, a detected road user counts as present.", min = "1")
        long dwell_seconds() default 10;
    }

    private final TimeSource time;
    private final SeededNoise noise;
    private final double[] perHour;
    private final Duration dwell;
    private final Ticker<Detection> ticker;
    private Instant emittedUntil;

    @Activate
    public SimulatedCountingSensor(@Reference TimeSource time, Config config) {
        this.time = time;
        this.noise = new SeededNoise(config.seed());
        this.perHour = new double[] { config.pedestrians_per_hour(), config.cyclists_per_hour(),
                config.vehicles_per_hour() };
        this.dwell = Duration.ofSeconds(Math.max(1, config.dwell_seconds()));
        this.emittedUntil = time.now();
        this.ticker = new Ticker<>("lampyris-sim-counting", 200, this::tick);
        LOG.info("Simulated counting sensor: up to {} pedestrians, {} cyclists, {} vehicles an hour", perHour[0],
                perHour[1], perHour[2]);
    }

    @Deactivate
    void deactivate() {
        ticker.close();
    }

    @Override
    public int present() {
        Instant now = time.now();
        return (int) detections(now.minus(dwell), now).stream().count();
    }

    @Override
    public Subscription onDetection(Consumer<Detection> listener) {
        return ticker.subscribe(listener);
    }

    private void tick() {
        Instant now = time.now();
        List<Detection> due;
        synchronized (this) {
            due = detections(emittedUntil, now);
            emittedUntil = now;
        }
        due.forEach(ticker::publish);
    }

    /** @return the detections in (from, to], in time order */
    List<Detection> detections(Instant from, Instant to) {
        List<Detection> result = new ArrayList<>();
        long first = Math.floorDiv(from.getEpochSecond(), 60);
        long last = Math.floorDiv(to.getEpochSecond(), 60);
        for (long minute = first; minute <= last && minute - first < 24 * 60; minute++) {
            for (Detection d : minute(minute, time.zone())) {
                if (d.time().isAfter(from) && !d.time().isAfter(to)) {
                    result.add(d);
                }
            }
        }
        return result;
    }

    /** The detections of one minute of post time: for each class, a seeded count, at seeded seconds. */
    private List<Detection> minute(long minute, ZoneId zone) {
        Instant start = Instant.ofEpochSecond(minute * 60);
        double hour = start.atZone(zone).getHour() + start.atZone(zone).getMinute() / 60.0;
        List<Detection> list = new ArrayList<>();
        RoadUser[] kinds = RoadUser.values();
        for (int k = 0; k < kinds.length; k++) {
            double mean = perHour[k] / 60 * activity(hour);
            int count = poisson(mean, noise.unit(minute, k, 0));
            for (int i = 0; i < count; i++) {
                long second = (long) noise.between(0, 60, minute, k, i + 1);
                Direction direction = noise.unit(minute, k, i + 100) < 0.5 ? Direction.FORWARD : Direction.BACKWARD;
                list.add(new Detection(start.plusSeconds(second), kinds[k], direction));
            }
        }
        list.sort((a, b) -> a.time().compareTo(b.time()));
        return list;
    }

    /** How busy the street is at an hour of the day, 0.05 at night to 1 at the peaks. */
    static double activity(double hour) {
        double morning = Math.exp(-Math.pow(hour - 8.5, 2) / 4);
        double evening = Math.exp(-Math.pow(hour - 17.5, 2) / 6);
        double day = hour >= 7 && hour <= 21 ? 0.4 : 0;
        return Math.min(1, 0.05 + day + 0.6 * Math.max(morning, evening));
    }

    /** Inverts the Poisson distribution at a uniform number u. */
    static int poisson(double mean, double u) {
        double p = Math.exp(-mean);
        double cumulative = p;
        int k = 0;
        while (u > cumulative && k < 1000) {
            k++;
            p *= mean / k;
            cumulative += p;
        }
        return k;
    }
}
