package org.lampyris.lwm2m;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class RegistrationWindowTest {

    @Test
    void aStreetPostWaitsWithinThirtySecondsByDefaultAndADevelopmentPostNotAtAll() {
        RegistrationWindow street = RegistrationWindow.draw(-1, false, new Random(1));
        assertThat(street.window()).isEqualTo(Duration.ofSeconds(30));
        assertThat(street.delay()).isBetween(Duration.ZERO, Duration.ofSeconds(30));
        assertThat(street.describe()).contains("of its 30 s registration window");

        RegistrationWindow development = RegistrationWindow.draw(-1, true, new Random(1));
        assertThat(development.delay()).isZero();
        assertThat(development.describe()).isEmpty();
    }

    @Test
    void aConfiguredWindowHoldsOnEveryPostAndZeroMeansAtOnce() {
        assertThat(RegistrationWindow.draw(10, true, new Random(1)).window()).isEqualTo(Duration.ofSeconds(10));
        assertThat(RegistrationWindow.draw(0, false, new Random(1)).delay()).isZero();
    }

    @Test
    void theDelaysOfADistrictCoverTheWindow() {
        Random random = new Random(7);
        long[] delays = IntStream.range(0, 1000)
                .mapToLong(i -> RegistrationWindow.draw(60, false, random).delay().toMillis()).toArray();
        assertThat(java.util.Arrays.stream(delays).allMatch(d -> d >= 0 && d <= 60_000)).as("within the window").isTrue();
        assertThat(java.util.Arrays.stream(delays).filter(d -> d < 6_000).count()).as("the first tenth")
                .isBetween(50L, 150L);
        assertThat(java.util.Arrays.stream(delays).filter(d -> d > 54_000).count()).as("the last tenth")
                .isBetween(50L, 150L);
    }
}
