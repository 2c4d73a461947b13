package org.lampyris.hal.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SimulatedTimeTest {
    private static final Instant START = Instant.parse("2026-12-21T16:00:00Z");

    private static SimulatedTime clock(Map<String, Object> config) {
        return new SimulatedTime(Configs.of(SimulatedTime.Config.class, config));
    }

    @Test
    void postTimeRunsSpeedTimesFasterThanRealTime() {
        SimulatedTime t = new SimulatedTime(START, 1_000_000_000L, 60, ZoneId.of("Europe/Amsterdam"));
        assertThat(t.at(1_000_000_000L)).isEqualTo(START);
        assertThat(t.at(2_000_000_000L)).isEqualTo(START.plus(Duration.ofMinutes(1)));
        assertThat(t.at(1_000_000_000L + 3_600_000_000_000L)).isEqualTo(START.plus(Duration.ofHours(60)));
        assertThat(t.toRealTime(Duration.ofHours(1))).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void aConfiguredClockStartsAtItsStartInstantWithItsSpeedAndZone() {
        SimulatedTime t = clock(Map.of("speed", 120.0, "start", "2026-12-21T16:00:00Z", "zone", "Europe/Lisbon"));
        assertThat(t.speed()).isEqualTo(120);
        assertThat(t.zone()).isEqualTo(ZoneId.of("Europe/Lisbon"));
        assertThat(t.now()).isBetween(START, START.plus(Duration.ofHours(1)));
    }

    @Test
    void withoutConfigurationTheClockIsRealTimeInAmsterdam() {
        Instant before = Instant.now();
        SimulatedTime t = clock(Map.of());
        assertThat(t.speed()).isEqualTo(1);
        assertThat(t.zone()).isEqualTo(ZoneId.of("Europe/Amsterdam"));
        assertThat(t.now()).isBetween(before.minusSeconds(1), Instant.now().plusSeconds(1));
    }

    @Test
    void anImpossibleSpeedFallsBackToRealTime() {
        assertThat(clock(Map.of("speed", 0.0)).speed()).isEqualTo(1);
        assertThat(clock(Map.of("speed", -3.0)).speed()).isEqualTo(1);
        assertThat(clock(Map.of("speed", 10_001.0)).speed()).isEqualTo(1);
        assertThat(clock(Map.of("speed", Double.NaN)).speed()).isEqualTo(1);
        assertThat(clock(Map.of("speed", 10_000.0)).speed()).isEqualTo(10_000);
    }

    @Test
    void theStartMayCarryAnOffsetAndAnUnreadableStartMeansNow() {
        assertThat(SimulatedTime.parseStart("2026-12-21T17:00:00+01:00")).isEqualTo(START);
        Instant before = Instant.now();
        assertThat(SimulatedTime.parseStart("tonight")).isBetween(before, Instant.now());
    }

    @Test
    void anUnknownZoneFallsBackToUtc() {
        assertThat(clock(Map.of("zone", "Mars/Olympus_Mons")).zone()).isEqualTo(ZoneId.of("UTC"));
    }
}
