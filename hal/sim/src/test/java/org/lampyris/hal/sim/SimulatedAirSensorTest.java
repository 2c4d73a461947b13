package org.lampyris.hal.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lampyris.hal.air.AirChannel;
import org.lampyris.hal.air.AirSample;
import org.lampyris.hal.air.SensorException;
import org.lampyris.testkit.ManualTime;

class SimulatedAirSensorTest {
    private static final Instant MIDNIGHT = Instant.parse("2026-11-23T00:00:00Z");
    private final ManualTime time = ManualTime.at("2026-11-23T06:00:00Z");

    private SimulatedAirSensor sensor(Map<String, Object> config) {
        return new SimulatedAirSensor(time, Configs.of(SimulatedAirSensor.Config.class, config));
    }

    private double at(SimulatedAirSensor s, String hourUtc, AirChannel channel) throws SensorException {
        time.set(Instant.parse("2026-11-23T" + hourUtc + ":00Z"));
        return s.sample().value(channel).orElseThrow();
    }

    @Test
    void theSameSeedAndMomentGiveTheSameSampleAndAnotherSeedAnother() throws SensorException {
        AirSample a = sensor(Map.of("seed", 7L)).sample();
        AirSample b = sensor(Map.of("seed", 7L)).sample();
        AirSample c = sensor(Map.of("seed", 8L)).sample();
        assertThat(a).isEqualTo(b);
        assertThat(a.values()).isNotEqualTo(c.values());
        assertThat(a.values()).containsOnlyKeys(AirChannel.values());
        assertThat(a.time()).isEqualTo(time.now());
    }

    @Test
    void anotherPositionWithTheSameSeedReadsSlightlyDifferentAir() throws SensorException {
        AirSample here = sensor(Map.of("seed", 7L)).sample();
        AirSample there = sensor(Map.of("seed", 7L, "latitude", 51.9225, "longitude", 4.4792)).sample();
        assertThat(here.values()).isNotEqualTo(there.values());
    }

    @Test
    void readingsStayInTheirDocumentedRangesOverAWeek() throws SensorException {
        for (long seed = 1; seed <= 5; seed++) {
            SimulatedAirSensor s = sensor(Map.of("seed", seed));
            time.set(MIDNIGHT);
            for (int step = 0; step < 7 * 24 * 4; step++) {
                AirSample sample = s.sample();
                double pm25 = sample.value(AirChannel.PM2_5).orElseThrow();
                assertThat(pm25).isBetween(5.0, 38.0);
                assertThat(sample.value(AirChannel.PM10).orElseThrow()).isCloseTo(1.5 * pm25, within(0.1 * pm25 + 0.1));
                assertThat(sample.value(AirChannel.PM1).orElseThrow()).isCloseTo(0.7 * pm25, within(0.04 * pm25 + 0.1));
                assertThat(sample.value(AirChannel.NO2).orElseThrow()).isBetween(12.0, 62.0);
                assertThat(sample.value(AirChannel.O3).orElseThrow()).isBetween(18.0, 92.0);
                assertThat(sample.value(AirChannel.TEMPERATURE).orElseThrow()).isBetween(3.5, 21.5);
                assertThat(sample.value(AirChannel.HUMIDITY).orElseThrow()).isBetween(46.0, 98.0);
                time.advance(Duration.ofMinutes(15));
            }
        }
    }

    @Test
    void nitrogenDioxidePeaksWithTheMorningAndEveningTraffic() throws SensorException {
        SimulatedAirSensor s = sensor(Map.of());
        double night = at(s, "03:00", AirChannel.NO2);
        assertThat(at(s, "08:00", AirChannel.NO2)).isGreaterThan(night + 20);
        assertThat(at(s, "18:00", AirChannel.NO2)).isGreaterThan(night + 20);
        assertThat(at(s, "13:00", AirChannel.NO2)).isLessThan(at(s, "18:00", AirChannel.NO2));
    }

    @Test
    void ozonePeaksInTheAfternoon() throws SensorException {
        SimulatedAirSensor s = sensor(Map.of());
        assertThat(at(s, "15:00", AirChannel.O3)).isGreaterThan(at(s, "06:00", AirChannel.O3) + 30);
    }

    @Test
    void afternoonsAreWarmerAndDrierThanTheHoursBeforeDawn() throws SensorException {
        SimulatedAirSensor s = sensor(Map.of());
        assertThat(at(s, "15:00", AirChannel.TEMPERATURE)).isGreaterThan(at(s, "03:00", AirChannel.TEMPERATURE) + 8);
        assertThat(at(s, "15:00", AirChannel.HUMIDITY)).isLessThan(at(s, "03:00", AirChannel.HUMIDITY) - 20);
    }

    @Test
    void theDailyPatternFollowsTheLocalTimeOfThePost() throws SensorException {
        ManualTime tokyo = ManualTime.at("2026-11-22T23:00:00Z", ZoneId.of("Asia/Tokyo"));
        SimulatedAirSensor s = new SimulatedAirSensor(tokyo, Configs.defaults(SimulatedAirSensor.Config.class));
        double rushHour = s.sample().value(AirChannel.NO2).orElseThrow();
        tokyo.advance(Duration.ofHours(-5));
        double night = s.sample().value(AirChannel.NO2).orElseThrow();
        assertThat(rushHour).as("08:00 in Tokyo").isGreaterThan(night + 20);
    }

    @Test
    void readingsDriftSmoothlyFromMinuteToMinute() throws SensorException {
        SimulatedAirSensor s = sensor(Map.of());
        double previous = s.sample().value(AirChannel.PM2_5).orElseThrow();
        for (int i = 0; i < 120; i++) {
            time.advance(Duration.ofMinutes(1));
            double now = s.sample().value(AirChannel.PM2_5).orElseThrow();
            assertThat(Math.abs(now - previous)).isLessThan(1.5);
            previous = now;
        }
    }

    @Test
    void aMissingChannelIsAbsentAndAStuckOneNeverMoves() throws SensorException {
        SimulatedAirSensor s = sensor(
                Map.of("missing", new String[] { "O3", "pm1" }, "stuck", new String[] { "PM10" }));
        assertThat(s.channels()).doesNotContain(AirChannel.O3, AirChannel.PM1).contains(AirChannel.PM10);
        AirSample first = s.sample();
        time.advance(Duration.ofHours(5));
        AirSample later = s.sample();
        assertThat(later.value(AirChannel.O3)).isEmpty();
        assertThat(later.value(AirChannel.PM1)).isEmpty();
        assertThat(later.value(AirChannel.PM10)).isEqualTo(first.value(AirChannel.PM10));
        assertThat(later.value(AirChannel.PM2_5)).isNotEqualTo(first.value(AirChannel.PM2_5));
    }

    @Test
    void anUnknownChannelNameIsIgnored() {
        assertThat(sensor(Map.of("missing", new String[] { "CO2", "" })).channels())
                .containsExactlyInAnyOrder(AirChannel.values());
    }

    @Test
    void aBrokenSensorThrowsWithAReason() {
        assertThatThrownBy(() -> sensor(Map.of("broken", true)).sample()).isInstanceOf(SensorException.class)
                .hasMessageContaining("does not answer");
    }
}
