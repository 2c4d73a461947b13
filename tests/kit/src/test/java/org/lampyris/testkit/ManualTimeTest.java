package org.lampyris.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class ManualTimeTest {
    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    @Test
    void aLocalTimeIsReadInTheClocksZone() {
        ManualTime time = ManualTime.atLocal("2026-12-21T16:45", AMSTERDAM);

        assertThat(time.now()).isEqualTo(Instant.parse("2026-12-21T15:45:00Z"));
        time.setLocal("2026-06-10T10:00");
        assertThat(time.now()).isEqualTo(Instant.parse("2026-06-10T08:00:00Z"));
        assertThat(time.zone()).isEqualTo(AMSTERDAM);
    }

    @Test
    void theClockMovesOnlyWhenTheTestMovesIt() {
        ManualTime time = ManualTime.at("2026-06-10T10:00:00Z");

        time.advance(Duration.ofMinutes(15));

        assertThat(time.now()).isEqualTo(Instant.parse("2026-06-10T10:15:00Z"));
        assertThat(time.now()).isEqualTo(Instant.parse("2026-06-10T10:15:00Z"));
    }

    @Test
    void aClockThatAlmostStandsStillMakesTimersWaitPracticallyForEver() {
        ManualTime time = ManualTime.at("2026-06-10T10:00:00Z").runningAt(1e-6);

        assertThat(time.now()).isEqualTo(Instant.parse("2026-06-10T10:00:00Z"));
        assertThat(time.toRealTime(Duration.ofMinutes(1))).isGreaterThan(Duration.ofDays(365));
    }
}
