package org.lampyris.hal.sim;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.lampyris.hal.TimeSource;

/** A post clock that moves only when a test says so; volatile because device threads read it too. */
final class ManualTime implements TimeSource {
    private volatile Instant now;
    private final ZoneId zone;

    ManualTime(String start, String zone) {
        this.now = Instant.parse(start);
        this.zone = ZoneId.of(zone);
    }

    void advance(Duration d) {
        now = now.plus(d);
    }

    void set(Instant instant) {
        now = instant;
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
        return 1;
    }
}
