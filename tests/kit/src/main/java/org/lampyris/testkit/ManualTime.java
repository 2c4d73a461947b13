package org.lampyris.testkit;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.lampyris.hal.TimeSource;

/**
 * A post clock that moves only when the test sets or advances it. The instant is volatile: device and plugin threads
 * read it while the test moves it.
 * <p>
 * It says it runs at real speed unless told otherwise ({@link #runningAt}); a test whose code under test sizes its own
 * timers from {@link TimeSource#toRealTime} can make those timers wait practically for ever with a tiny speed, and
 * take every step itself.
 */
public final class ManualTime implements TimeSource {
    private volatile Instant now;
    private final ZoneId zone;
    private final double speed;

    private ManualTime(Instant start, ZoneId zone, double speed) {
        this.now = start;
        this.zone = zone;
        this.speed = speed;
    }

    /** @return a clock in UTC at an instant such as {@code 2026-06-10T10:00:00Z} */
    public static ManualTime at(String instant) {
        return at(instant, ZoneOffset.UTC);
    }

    /** @return a clock in a zone, at an instant such as {@code 2026-06-10T10:00:00Z} */
    public static ManualTime at(String instant, ZoneId zone) {
        return new ManualTime(Instant.parse(instant), zone, 1);
    }

    /** @return a clock in a zone, at a local date and time there such as {@code 2026-12-21T16:45} */
    public static ManualTime atLocal(String localDateTime, ZoneId zone) {
        return new ManualTime(local(localDateTime, zone), zone, 1);
    }

    /** @return a clock at the same instant and in the same zone that says it runs at this speed */
    public ManualTime runningAt(double speed) {
        return new ManualTime(now, zone, speed);
    }

    /** Moves the clock forward by a span of post time. */
    public void advance(Duration span) {
        now = now.plus(span);
    }

    /** Sets the clock to an instant, forward or back. */
    public void set(Instant instant) {
        now = instant;
    }

    /** Sets the clock to a local date and time in its zone, such as {@code 2026-12-21T16:45}. */
    public void setLocal(String localDateTime) {
        now = local(localDateTime, zone);
    }

    private static Instant local(String localDateTime, ZoneId zone) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public ZoneId zone() {
        return zone;
    }

    @Override
    public double speed() {
        return speed;
    }
}
