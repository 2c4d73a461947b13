package org.lampyris.airquality;

import java.time.Duration;
import java.util.Optional;

/** The rolling means kept of each pollutant. */
enum MeanWindow {
    /** The mean of the last hour. */
    HOUR("1h", Duration.ofHours(1)),
    /** The mean of the last 24 hours. */
    DAY("24h", Duration.ofHours(24));

    private final String key;
    private final Duration span;

    MeanWindow(String key, Duration span) {
        this.key = key;
        this.span = span;
    }

    /** @return how alerts and configuration name it: {@code 1h}, {@code 24h} */
    String key() {
        return key;
    }

    /** @return the span of post time it covers */
    Duration span() {
        return span;
    }

    /** @return the longest window, beyond which no sample matters */
    static Duration longest() {
        return DAY.span;
    }

    /** @return the window with a key, empty if there is none */
    static Optional<MeanWindow> forKey(String key) {
        for (MeanWindow w : values()) {
            if (w.key.equals(key)) {
                return Optional.of(w);
            }
        }
        return Optional.empty();
    }
}
