package org.lampyris.ngsild;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ChangeFilterTest {
    private static final Instant T = Instant.parse("2026-12-21T17:00:00Z");
    private final ChangeFilter filter = new ChangeFilter(0.02, Duration.ofSeconds(10), Duration.ofSeconds(900));

    private static Map<String, Object> light(double level, String status, int second) {
        return Map.of("id", "urn:ngsi-ld:Streetlight:p", "type", "Streetlight",
                "illuminanceLevel", Map.of("type", "Property", "value", level, "observedAt", "t" + second),
                "status", Map.of("type", "Property", "value", status, "observedAt", "t" + second));
    }

    @Test
    void anIdlePostSendsItsFirstStateAndThenOnlyTheRefresh() {
        assertThat(filter.offer(light(0.5, "ok", 0), T)).isTrue();
        assertThat(filter.offer(light(0.505, "ok", 20), T.plusSeconds(20))).as("within the deadband").isFalse();
        assertThat(filter.offer(light(0.5, "ok", 899), T.plusSeconds(899))).isFalse();
        assertThat(filter.offer(light(0.5, "ok", 900), T.plusSeconds(900))).as("the refresh").isTrue();
    }

    @Test
    void aChangeBeyondTheDeadbandWaitsForTheMinimumIntervalAndIsThenSent() {
        assertThat(filter.offer(light(0.5, "ok", 0), T)).isTrue();
        assertThat(filter.offer(light(0.8, "ok", 3), T.plusSeconds(3))).as("too soon").isFalse();
        assertThat(filter.offer(light(0.8, "ok", 10), T.plusSeconds(10))).isTrue();
        assertThat(filter.offer(light(0.8, "defectiveLamp", 25), T.plusSeconds(25))).as("a text changed").isTrue();
        assertThat(filter.offer(light(0.0, "defectiveLamp", 40), T.plusSeconds(40))).as("to zero").isTrue();
    }

    @Test
    void aLitLampsGrowingEnergyAloneSendsNothingUntilTheRefresh() {
        assertThat(filter.offer(lit(0.0, 0), T)).isTrue();
        assertThat(filter.offer(lit(12.0, 60), T.plusSeconds(60))).as("from 0 Wh: any deadband is passed").isFalse();
        assertThat(filter.offer(lit(240.0, 600), T.plusSeconds(600))).isFalse();
        assertThat(filter.offer(lit(360.0, 900), T.plusSeconds(900))).as("the refresh carries it").isTrue();
    }

    private static Map<String, Object> lit(double wattHours, int second) {
        return Map.of("id", "urn:ngsi-ld:Streetlight:p", "type", "Streetlight",
                "illuminanceLevel", Map.of("type", "Property", "value", 1.0, "observedAt", "t" + second),
                "energyConsumed", Map.of("type", "Property", "value", wattHours, "unitCode", "WHR", "observedAt",
                        "t" + second));
    }
}
