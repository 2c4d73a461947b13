package org.lampyris.lwm2m;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When a post first registers after it starts. Street lights hang on switched circuits: a cabinet powers a whole
 * district at dusk, and every post of it boots at the same moment. Were they all to register at once, the city's
 * LwM2M server would take a burst of handshakes and registrations from thousands of posts in the same second. Each
 * post therefore waits a random moment within a window before its first registration, so that the district arrives
 * spread over the window (the random initial delay that LwM2M deployments commonly use).
 */
record RegistrationWindow(Duration window, Duration delay) {

    /** The window of a street post whose configuration says {@code registration.window.s = -1}. */
    static final Duration STREET_DEFAULT = Duration.ofSeconds(30);

    /**
     * @param configuredSeconds {@code registration.window.s}: a window in seconds, or -1 for the default (30 s on a
     *            street post, none on a development post, which a developer wants registered at once)
     * @param development whether the post was started as a development post ({@code --dev})
     * @param random where the moment within the window comes from
     * @return the window and the delay drawn within it
     */
    static RegistrationWindow draw(int configuredSeconds, boolean development, RandomGenerator random) {
        Duration window = configuredSeconds >= 0 ? Duration.ofSeconds(configuredSeconds)
                : development ? Duration.ZERO : STREET_DEFAULT;
        long millis = window.toMillis();
        return new RegistrationWindow(window, Duration.ofMillis(millis == 0 ? 0 : random.nextLong(millis + 1)));
    }

    /** @return for the log: nothing without a window, else when within which window */
    String describe() {
        return window.isZero() ? "" : ", after " + delay.toMillis() + " ms, a random moment of its "
                + window.toSeconds() + " s registration window";
    }
}
