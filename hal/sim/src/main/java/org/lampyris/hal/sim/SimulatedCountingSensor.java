package org.lampyris.hal.sim;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
 * A simulated counting sensor: pedestrians, cyclists and vehicles pass at seeded Poisson-distributed times of post
 * time, more by day than by night. The detections of each minute of post time are a pure function of the seed and that
 * minute, so {@link #present()} and the listeners agree, and two runs with the same seed see the same street whatever
 * the clock speed or thread timing. A scheduler thread, running only while someone listens, hands each detection to
 * the listeners once its post time has come.
 */
@Component(configurationPid = SimulatedCountingSensor.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = SimulatedCountingSensor.Config.class)
public class SimulatedCountingSensor implements CountingSensor {
    static final String PID = "org.lampyris.hal.sim.counting";
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedCountingSensor.class);

    static final long TICK_MILLIS = 200;
    static final double MAX_PER_HOUR = 10_000;

    /** The configuration of the simulated counting sensor. */
    @ObjectClassDefinition(id = PID, name = "Lampyris simulated counting sensor",
            description = "The radar of the simulated post and the road users it sees.")
    public @interface Config {
        @AttributeDefinition(name = "Seed", description = "Who passes when follows from this seed.")
        long seed() default 1;

        @AttributeDefinition(name = "Pedestrians per hour",
                description = "Pedestrians an hour at the busiest time of day; fewer in the evening, few at night.",
                min = "0", max = "10000")
        double pedestrians_per_hour() default 30;

        @AttributeDefinition(name = "Cyclists per hour",
                description = "Cyclists an hour at the busiest time of day; fewer in the evening, few at night.",
                min = "0", max = "10000")
        double cyclists_per_hour() default 10;

        @AttributeDefinition(name = "Vehicles per hour",
                description = "Vehicles an hour at the busiest time of day; fewer in the evening, few at night.",
                min = "0", max = "10000")
        double vehicles_per_hour() default 60;

        @AttributeDefinition(name = "Dwell (s)",
                description = "How long, in seconds of post time, a detected road user counts as present.", min = "1")
        long dwell_seconds() default 10;
    }

    private final TimeSource time;
    private final SeededNoise noise;
    private final double[] perHour;
    private final Duration dwell;
    private final Ticker<Detection> ticker;
    private Instant emittedUntil;

    /** A simulated sensor that is no service: for tests, which call it directly. */
    public SimulatedCountingSensor(TimeSource time, Config config) {
        this(time, new SimulatorThread(), config);
    }

    @Activate
    public SimulatedCountingSensor(@Reference TimeSource time, @Reference SimulatorThread thread, Config config) {
        this.time = time;
        this.noise = new SeededNoise(config.seed());
        this.perHour = new double[] { rate("pedestrians.per.hour", config.pedestrians_per_hour()),
                rate("cyclists.per.hour", config.cyclists_per_hour()),
                rate("vehicles.per.hour", config.vehicles_per_hour()) };
        if (config.dwell_seconds() < 1) {
            LOG.error("Invalid dwell.seconds {} for the simulated counting sensor (must be >= 1): using 10",
                    config.dwell_seconds());
        }
        this.dwell = Duration.ofSeconds(config.dwell_seconds() < 1 ? 10 : config.dwell_seconds());
        this.emittedUntil = time.now();
        this.ticker = new Ticker<>("lampyris-sim-counting", thread, this::tick);
        LOG.info("Simulated counting sensor: up to {} pedestrians, {} cyclists, {} vehicles an hour, dwell {} s, "
                + "seed {}", perHour[0], perHour[1], perHour[2], dwell.toSeconds(), config.seed());
    }

    @Deactivate
    void deactivate() {
        ticker.close();
    }

    private static double rate(String name, double perHour) {
        // The bound keeps the Poisson draw by inversion well inside double precision.
        if (perHour >= 0 && perHour <= MAX_PER_HOUR) {
            return perHour;
        }
        LOG.error("Invalid {} {} for the simulated counting sensor (must be 0 to {}): using 0", name, perHour,
                MAX_PER_HOUR);
        return 0;
    }

    /** Counts the road users detected less than the dwell time ago: one seen at t is present from t until t + dwell. */
    @Override
    public int present() {
        Instant now = time.now();
        return detections(now.minus(dwell), now).size();
    }

    @Override
    public synchronized Subscription onDetection(Consumer<Detection> listener) {
        Objects.requireNonNull(listener, "listener");
        if (!ticker.running()) {
            // The first listener hears what happens from now on, not a flood of detections nobody listened to.
            emittedUntil = time.now();
        }
        return ticker.subscribe(listener);
    }

    /** @return whether the scheduler thread runs; for tests */
    boolean ticking() {
        return ticker.running();
    }

    /** One tick of the scheduler thread: hand out the detections whose post time has come since the last tick. */
    private synchronized long tick() {
        Instant now = time.now();
        if (emittedUntil.isBefore(now)) {
            detections(emittedUntil, now).forEach(ticker::publish);
            emittedUntil = now;
        }
        return TICK_MILLIS;
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

    /** The detections of one minute of post time: for each class a seeded Poisson count, at seeded instants. */
    private List<Detection> minute(long minute, ZoneId zone) {
        Instant start = Instant.ofEpochSecond(minute * 60);
        double hour = start.atZone(zone).getHour() + start.atZone(zone).getMinute() / 60.0;
        List<Detection> list = new ArrayList<>();
        RoadUser[] kinds = RoadUser.values();
        for (int k = 0; k < kinds.length; k++) {
            double mean = perHour[k] / 60 * activity(hour);
            int count = poisson(mean, noise.unit(minute, k, 0));
            for (int i = 0; i < count; i++) {
                Instant at = start.plusMillis((long) noise.between(0, 60_000, minute, k, i + 1));
                list.add(new Detection(at, kinds[k], direction(noise.unit(minute, k, i + 100))));
            }
        }
        list.sort((a, b) -> a.time().compareTo(b.time()));
        return list;
    }

    /** Mostly one way or the other; now and then the radar cannot tell, as a real one sometimes cannot. */
    private static Direction direction(double u) {
        return u < 0.48 ? Direction.FORWARD : u < 0.96 ? Direction.BACKWARD : Direction.UNKNOWN;
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
