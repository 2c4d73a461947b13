package org.lampyris.hal.sim;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import org.lampyris.hal.TimeSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated clock: post time starts at a configured instant (or now) and runs {@code speed} times faster than
 * real time, so that a whole night of dimming can be watched in minutes.
 */
@Component(configurationPid = SimulatedTime.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = SimulatedTime.Config.class)
public class SimulatedTime implements TimeSource {
    static final String PID = "org.lampyris.hal.sim.time";
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedTime.class);
    private static final double MAX_SPEED = 10_000;

    @ObjectClassDefinition(id = PID, name = "Lampyris simulated clock",
            description = "The post's clock in the simulator.")
    public @interface Config {
        @AttributeDefinition(name = "Speed",
                description = "How many seconds of post time pass per real second: greater than 0, at most 10000; "
                        + "an invalid value is logged and replaced by 1.",
                max = "10000")
        double speed() default 1.0;

        @AttributeDefinition(name = "Start",
                description = "ISO-8601 instant the post time starts at, e.g. 2026-12-21T16:00:00Z or "
                        + "2026-12-21T17:00:00+01:00; empty to start at the real time of activation.")
        String start() default "";

        @AttributeDefinition(name = "Time zone",
                description = "Time zone of the post (a java.time zone id such as Europe/Amsterdam), used for "
                        + "local-time profiles.")
        String zone() default "Europe/Amsterdam";
    }

    private final Instant origin;
    private final long originNanos;
    private final double speed;
    private final ZoneId zone;

    @Activate
    public SimulatedTime(Config config) {
        this(parseStart(config.start()), System.nanoTime(), validSpeed(config.speed()), parseZone(config.zone()));
        LOG.info("Simulated clock starts at {} ({} local, zone {}), running {} times real time", origin,
                origin.atZone(zone).toLocalDateTime(), zone, speed);
    }

    SimulatedTime(Instant origin, long originNanos, double speed, ZoneId zone) {
        this.origin = origin;
        this.originNanos = originNanos;
        this.speed = speed;
        this.zone = zone;
    }

    @Override
    public Instant now() {
        return at(System.nanoTime());
    }

    /** @return the post time at a reading of {@link System#nanoTime()} */
    Instant at(long nanoTime) {
        // nanoTime differences, unlike wall-clock readings, never jump when NTP or the user sets the clock.
        double elapsed = (nanoTime - originNanos) * speed;
        return origin.plusNanos((long) elapsed);
    }

    @Override
    public ZoneId zone() {
        return zone;
    }

    @Override
    public double speed() {
        return speed;
    }

    static double validSpeed(double speed) {
        if (speed > 0 && speed <= MAX_SPEED) {
            return speed;
        }
        LOG.error("Invalid simulated clock speed {} (must be > 0 and <= {}): running at speed 1 (real time)", speed,
                MAX_SPEED);
        return 1;
    }

    static Instant parseStart(String start) {
        if (start == null || start.isBlank()) {
            return Instant.now();
        }
        try {
            return Instant.parse(start.trim());
        } catch (RuntimeException e) {
            // An engineer may well write the local time with its offset; accept that too.
        }
        try {
            return OffsetDateTime.parse(start.trim()).toInstant();
        } catch (RuntimeException e) {
            LOG.error("Clock start '{}' is not an ISO-8601 instant such as 2026-12-21T16:00:00Z: starting now", start);
            return Instant.now();
        }
    }

    static ZoneId parseZone(String zone) {
        try {
            return ZoneId.of(zone == null ? "" : zone.trim());
        } catch (RuntimeException e) {
            LOG.error("Time zone '{}' is unknown: using UTC", zone);
            return ZoneId.of("UTC");
        }
    }
}
