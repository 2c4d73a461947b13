package org.lampyris.hal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The lamp post's notion of time. On real hardware it is the system clock; in the simulator it may run faster than
 * real time ({@link #speed()}), so that a night of dimming can be watched in minutes. Plugins read the time and size
 * their timers through this service, never through {@code System.currentTimeMillis()}.
 */
@ProviderType
public interface TimeSource {

    /** @return the current instant of this lamp post's (possibly simulated) time */
    Instant now();

    /** @return the time zone the post stands in, used for local-time dimming profiles */
    ZoneId zone();

    /** @return how many seconds of this clock pass in one real second; 1 on real hardware */
    double speed();

    /**
     * Converts a span of this clock's time into the real time a timer must wait.
     *
     * @param span a duration of post time
     * @return the real duration that corresponds to it, never negative
     */
    default Duration toRealTime(Duration span) {
        if (span.isNegative()) {
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) (span.toNanos() / speed()));
    }
}
