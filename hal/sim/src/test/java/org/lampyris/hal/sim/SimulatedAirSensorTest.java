package org.lampyris.hal.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lampyris.hal.air.AirChannel;
import org.lampyris.hal.air.AirSample;
import org.lampyris.hal.air.SensorException;

class SimulatedAirSensorTest {
    private final ManualTime time = new ManualTime("2026-11-23T06:00:00Z", "UTC");

    private SimulatedAirSensor sensor(Map<String, Object> config) {
        return new SimulatedAirSensor(time, Configs.of(SimulatedAirSensor.Config.class, config));
    }

    @Test
    void theSameSeedAndMomentGiveTheSameSampleAndAnotherSeedAnother() throws SensorException {
        AirSample a = sensor(Map.of("seed", 7L)).sample();
        AirSample b = sensor(Map.of("seed", 7L)).sample();
        AirSample c = sensor(Map.of("seed", 8L)).sample();
        assertThat(a.values()).isEqualTo(b.values());
        assertThat(a.values()).isNotEqualTo(c.values());
        assertThat(a.values()).containsOnlyKeys(AirChannel.values());
    }

    @Test
    void readingsAreInPlausibleRangesAllDayLong() throws SensorException {
        SimulatedAirSensor s = sensor(Map.of());
        for (int h = 0; h < 24; h++) {
            AirSample sample = s.sample();
            assertThat(sample.value(AirChannel.PM2_5).orElseThrow()).isBetween(0.0, 60.0);
            assertThat(sample.value(AirChannel.PM10).orElseThrow()).isGreaterThanOrEqualTo(
                    sample.value(AirChannel.PM2_5).orElseThrow() * 0.9);
            assertThat(sample.value(AirChannel.HUMIDITY).orElseThrow()).isBetween(40.0, 100.0);
            assertThat(sample.value(AirChannel.TEMPERATURE).orElseThrow()).isBetween(-5.0, 25.0);
            time.advance(Duration.ofHours(1));
        }
    }

    @Test
    void nitrogenDioxidePeaksWithTheMorningTraffic() throws SensorException {
        SimulatedAirSensor s = sensor(Map.of());
        time.set(java.time.Instant.parse("2026-11-23T03:00:00Z"));
        double night = s.sample().value(AirChannel.NO2).orElseThrow();
        time.set(java.time.Instant.parse("2026-11-23T08:00:00Z"));
        double rushHour = s.sample().value(AirChannel.NO2).orElseThrow();
        assertThat(rushHour).isGreaterThan(night + 20);
    }

    @Test
    void aMissingChannelIsAbsentAndAStuckOneNeverMoves() throws SensorException {
        SimulatedAirSensor s = sensor(Map.of("missing", new String[] { "O3" }, "stuck", new String[] { "PM10" }));
        assertThat(s.channels()).doesNotContain(AirChannel.O3);
        double pm10 = s.sample().value(AirChannel.PM10).orElseThrow();
        double pm25 = s.sample().value(AirChannel.PM2_5).orElseThrow();
        time.advance(Duration.ofHours(5));
        AirSample later = s.sample();
        assertThat(later.value(AirChannel.O3)).isEmpty();
        assertThat(later.value(AirChannel.PM10)).contains(pm10);
        assertThat(later.value(AirChannel.PM2_5).orElseThrow()).isNotEqualTo(pm25);
    }

    @Test
    void aBrokenSensorThrowsWithAReason() {
        assertThatThrownBy(() -> sensor(Map.of("broken", true)).sample()).isInstanceOf(SensorException.class)
                .hasMessageContaining("does not answer");
    }
}
