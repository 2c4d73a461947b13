package org.lampyris.hal.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class SimulatedTimeTest {

    @Test
    void postTimeRunsSpeedTimesFasterThanRealTime() {
        Instant start = Instant.parse("2026-12-21T16:00:00Z");
        SimulatedTime t = new SimulatedTime(start, 1_000_000_000L, 60, ZoneId.of("Europe/Amsterdam"));
        assertThat(t.at(1_000_000_000L)).isEqualTo(start);
        assertThat(t.at(2_000_000_000L)).isEqualTo(start.plus(Duration.ofMinutes(1)));
        assertThat(t.toRealTime(Duration.ofHours(1))).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void anImpossibleSpeedFallsBackToRealTime() {
        assertThat(SimulatedTime.validSpeed(0)).isEqualTo(1);
        assertThat(SimulatedTime.validSpeed(-3)).isEqualTo(1);
        assertThat(SimulatedTime.validSpeed(Double.NaN)).isEqualTo(1);
        assertThat(SimulatedTime.validSpeed(120)).isEqualTo(120);
    }
}
