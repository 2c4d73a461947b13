package org.lampyris.airquality;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.lampyris.hal.TimeSource;

/**
 * A post clock the test moves. It stands all but still in real time, so that the monitor's own sampling thread
 * would wait years for its first tick: the tests take every sample themselves.
 */
final class ManualTime implements TimeSource {
    Instant now;

    ManualTime(String instant) {
        this.now = Instant.parse(instant);
    }

    void advance(Duration span) {
        now = now.plus(span);
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public ZoneId zone() {
        return ZoneOffset.UTC;
    }

    @Override
    public double speed() {
        return 1e-6;
    }
}
