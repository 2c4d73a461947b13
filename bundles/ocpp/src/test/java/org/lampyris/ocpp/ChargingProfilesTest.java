package org.lampyris.ocpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChargingProfilesTest {
    private static final Instant T0 = Instant.parse("2026-12-21T17:00:00Z");
    private static final double NONE = Double.POSITIVE_INFINITY;
    @TempDir
    Path dir;

    private static Map<String, Object> profile(long id, long stackLevel, String purpose, String kind, String unit,
            List<Map<String, Object>> periods, Map<String, Object> extra) {
        Map<String, Object> schedule = new java.util.LinkedHashMap<>(Map.of("chargingRateUnit", unit,
                "chargingSchedulePeriod", periods));
        if (extra.containsKey("startSchedule")) {
            schedule.put("startSchedule", extra.get("startSchedule"));
        }
        if (extra.containsKey("duration")) {
            schedule.put("duration", extra.get("duration"));
        }
        Map<String, Object> p = new java.util.LinkedHashMap<>(Map.of("chargingProfileId", id, "stackLevel",
                stackLevel, "chargingProfilePurpose", purpose, "chargingProfileKind", kind, "chargingSchedule",
                schedule));
        if (extra.containsKey("recurrencyKind")) {
            p.put("recurrencyKind", extra.get("recurrencyKind"));
        }
        return p;
    }

    private static Map<String, Object> period(long start, double limit) {
        return Map.of("startPeriod", start, "limit", limit);
    }

    @Test
    void anAbsoluteScheduleChangesItsLimitAtEachPeriodAndSaysWhenItWillChangeNext() throws Exception {
        ChargingProfiles profiles = new ChargingProfiles(null);
        profiles.set(ChargingProfiles.parse(0, profile(1, 0, ChargingProfiles.MAX, "Absolute", "A",
                List.of(period(0, 16), period(3600, 8)), Map.of("startSchedule", T0.toString(), "duration", 7200L)),
                T0));
        assertThat(profiles.ampsAt(T0.minusSeconds(1), null, null)).isEqualTo(NONE);
        assertThat(profiles.ampsAt(T0, null, null)).isEqualTo(16);
        assertThat(profiles.nextChange(T0, null)).isEqualTo(T0.plusSeconds(3600));
        assertThat(profiles.ampsAt(T0.plusSeconds(3600), null, null)).isEqualTo(8);
        assertThat(profiles.ampsAt(T0.plusSeconds(7200), null, null)).as("after its duration").isEqualTo(NONE);
    }

    @Test
    void theHighestStackLevelWinsATxProfileOverridesTheDefaultAndTheMaximumBoundsBoth() throws Exception {
        ChargingProfiles profiles = new ChargingProfiles(null);
        profiles.set(ChargingProfiles.parse(1, profile(1, 0, ChargingProfiles.TX_DEFAULT, "Relative", "A",
                List.of(period(0, 20)), Map.of()), T0));
        profiles.set(ChargingProfiles.parse(1, profile(2, 1, ChargingProfiles.TX_DEFAULT, "Relative", "A",
                List.of(period(0, 12)), Map.of()), T0));
        assertThat(profiles.ampsAt(T0, null, null)).as("no transaction").isEqualTo(NONE);
        assertThat(profiles.ampsAt(T0, T0, 5L)).isEqualTo(12);
        profiles.set(ChargingProfiles.parse(1, profile(3, 0, ChargingProfiles.TX, "Relative", "A",
                List.of(period(0, 25)), Map.of()), T0));
        assertThat(profiles.ampsAt(T0, T0, 5L)).isEqualTo(25);
        profiles.set(ChargingProfiles.parse(0, profile(4, 0, ChargingProfiles.MAX, "Absolute", "W",
                List.of(Map.of("startPeriod", 0L, "limit", 4600.0, "numberPhases", 1L)),
                Map.of("startSchedule", T0.toString())), T0));
        assertThat(profiles.ampsAt(T0, T0, 5L)).as("4600 W at 230 V on one phase").isEqualTo(20);
        profiles.transactionEnded();
        assertThat(profiles.ampsAt(T0, T0, 6L)).as("the TxProfile went with its transaction").isEqualTo(12);
    }

    @Test
    void aDailyProfileRecursAndProfilesOutliveARestartUntilCleared() throws Exception {
        Path file = dir.resolve(ChargePointLink.PROFILES_FILE);
        ChargingProfiles profiles = new ChargingProfiles(file);
        profiles.set(ChargingProfiles.parse(0, profile(7, 0, ChargingProfiles.TX_DEFAULT, "Recurring", "A",
                List.of(period(0, 10), period(3600, 32)), Map.of("startSchedule", T0.toString(),
                        "recurrencyKind", "Daily")), T0));
        ChargingProfiles again = new ChargingProfiles(file);
        assertThat(again.ampsAt(T0.plusSeconds(86_400 + 60), T0, null)).isEqualTo(10);
        assertThat(again.ampsAt(T0.plusSeconds(86_400 + 3660), T0, null)).isEqualTo(32);
        assertThat(again.clear(null, null, ChargingProfiles.MAX, null)).isFalse();
        assertThat(again.clear(7L, null, null, null)).isTrue();
        assertThat(new ChargingProfiles(file).isEmpty()).isTrue();
    }

    @Test
    void aProfileThatBreaksTheSchemaIsRefusedNamingTheField() {
        assertThatThrownBy(() -> ChargingProfiles.parse(1, profile(1, 0, "Cheapest", "Absolute", "A",
                List.of(period(0, 10)), Map.of()), T0)).isInstanceOf(CallError.class)
                .hasMessageContaining("chargingProfilePurpose must be one of");
        assertThatThrownBy(() -> ChargingProfiles.parse(1, profile(1, 0, ChargingProfiles.TX, "Absolute", "A",
                List.of(), Map.of()), T0)).hasMessageContaining("chargingSchedulePeriod");
    }
}
