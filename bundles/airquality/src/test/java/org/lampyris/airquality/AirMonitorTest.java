package org.lampyris.airquality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;
import static org.lampyris.airquality.Configs.config;

import java.util.concurrent.Executors;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lampyris.api.Subscription;
import org.lampyris.api.air.AirQualityReport;
import org.lampyris.api.point.Reading;
import org.lampyris.api.point.StandardPoint;
import org.lampyris.hal.air.AirChannel;
import org.lampyris.testkit.ManualTime;

class AirMonitorTest {
    static final Duration MINUTE = Duration.ofMinutes(1);

    private final ManualTime time = ManualTime.at("2026-12-21T07:00:00Z").runningAt(1e-6);
    private final FakeAirSensor sensor = new FakeAirSensor(time);
    private final List<AirMonitor> monitors = new ArrayList<>();

    private AirMonitor monitor(Map<String, Object> config) {
        AirMonitor m = new AirMonitor(sensor, time, config(config), Executors.newSingleThreadScheduledExecutor());
        monitors.add(m);
        return m;
    }

    @AfterEach
    void tearDown() {
        monitors.forEach(AirMonitor::deactivate);
    }

    /** Moves the post clock on by one sampling period and takes the sample, as the sampling thread would. */
    private void nextSample(AirMonitor monitor) {
        time.advance(MINUTE);
        monitor.sample();
    }

    @Test
    void everyChannelIsPublishedFromTheFirstSampleInItsStandardPoint() throws Exception {
        AirMonitor monitor = monitor(Map.of());
        assertThat(new Pm1Point(monitor).read().number()).isEqualTo(4);
        assertThat(new Pm25Point(monitor).read().number()).isEqualTo(6);
        assertThat(new Pm10Point(monitor).read().number()).isEqualTo(11);
        assertThat(new No2Point(monitor).read().number()).isEqualTo(20);
        assertThat(new O3Point(monitor).read().number()).isEqualTo(30);
        assertThat(new TemperaturePoint(monitor).read().number()).isEqualTo(12.5);
        Reading humidity = new HumidityPoint(monitor).read();
        assertThat(humidity.number()).isEqualTo(70);
        assertThat(humidity.time()).isEqualTo(time.now());
        assertThat(new HumidityPoint(monitor).info()).isEqualTo(StandardPoint.AIR_HUMIDITY.info());
        assertThat(new StatusPoint(monitor).read().text()).isEqualTo("{"
                + "\"pm1\":{\"state\":\"ok\",\"reason\":\"valid reading\"},"
                + "\"pm25\":{\"state\":\"ok\",\"reason\":\"valid reading\"},"
                + "\"pm10\":{\"state\":\"ok\",\"reason\":\"valid reading\"},"
                + "\"no2\":{\"state\":\"ok\",\"reason\":\"valid reading\"},"
                + "\"o3\":{\"state\":\"ok\",\"reason\":\"valid reading\"},"
                + "\"temperature\":{\"state\":\"ok\",\"reason\":\"valid reading\"},"
                + "\"humidity\":{\"state\":\"ok\",\"reason\":\"valid reading\"}}");
        assertThat(new AlertPoint(monitor).read().text()).isEqualTo("[]");
        assertThat(monitor.latest()).get().extracting(AirQualityReport::values).isEqualTo(Map.of("pm1", 4.0,
                "pm25", 6.0, "pm10", 11.0, "no2", 20.0, "o3", 30.0, "temperature", 12.5, "humidity", 70.0));
    }

    @Test
    void theIndexIsZeroUntilAnHourlyMeanCoversThreeQuartersOfTheHour() throws Exception {
        sensor.set(AirChannel.NO2, 100); // Moderate
        AirMonitor monitor = monitor(Map.of("stuck_samples", 0)); // the test holds the values constant
        EaqiPoint eaqi = new EaqiPoint(monitor);
        List<Reading> told = new CopyOnWriteArrayList<>();
        eaqi.observe(told::add);
        for (int i = 1; i < 44; i++) {
            nextSample(monitor);
        }
        assertThat(eaqi.read().number()).as("44 samples").isZero();
        assertThat(monitor.latest().get().eaqi()).isZero();
        nextSample(monitor);
        assertThat(eaqi.read().number()).as("45 samples, NO2 hourly 100").isEqualTo(3);
        assertThat(monitor.latest().get().eaqi()).isEqualTo(3);
        assertThat(told).extracting(Reading::number).containsExactly(3.0);
    }

    @Test
    void particlesCountInTheIndexByTheirDailyMeanOnceEighteenHoursAreCovered() throws Exception {
        sensor.set(AirChannel.PM2_5, 30); // Poor over a day, but the hourly means do not count for it
        AirMonitor monitor = monitor(Map.of("stuck_samples", 0));
        EaqiPoint eaqi = new EaqiPoint(monitor);
        for (int i = 1; i < 18 * 60 - 1; i++) {
            nextSample(monitor);
        }
        assertThat(eaqi.read().number()).as("NO2 20 and O3 30 are Good").isEqualTo(1);
        nextSample(monitor);
        assertThat(monitor.state().mean(Pollutant.PM25, MeanWindow.DAY)).contains(30.0);
        assertThat(eaqi.read().number()).isEqualTo(4);
    }

    @Test
    void theRollingMeansFollowTheManualClock() {
        sensor.set(AirChannel.NO2, 40);
        AirMonitor monitor = monitor(Map.of("stuck_samples", 0, "mean_coverage_percent", 0.0));
        for (int i = 1; i < 60; i++) {
            nextSample(monitor);
        }
        sensor.set(AirChannel.NO2, 100);
        for (int i = 0; i < 60; i++) {
            nextSample(monitor);
        }
        assertThat(monitor.state().mean(Pollutant.NO2, MeanWindow.HOUR)).contains(100.0);
        assertThat(monitor.state().mean(Pollutant.NO2, MeanWindow.DAY)).contains(70.0);
        time.advance(Duration.ofHours(2));
        sensor.set(AirChannel.NO2, 10);
        monitor.sample();
        assertThat(monitor.state().mean(Pollutant.NO2, MeanWindow.HOUR)).as("after two hours without data")
                .contains(10.0);
        assertThat(monitor.state().mean(Pollutant.NO2, MeanWindow.DAY).get()).isCloseTo(8410.0 / 121,
                offset(1e-9));
    }

    @Test
    void aChannelTheSensorLacksIsMissingAndReadsAsUnavailable() throws Exception {
        sensor.channels.remove(AirChannel.O3);
        AirMonitor monitor = monitor(Map.of());
        assertThatThrownBy(() -> new O3Point(monitor).read()).isInstanceOf(ReadingUnavailableException.class)
                .hasMessage("O3 unavailable (missing): the sensor has no O3 channel");
        assertThat(new StatusPoint(monitor).read().text())
                .contains("\"o3\":{\"state\":\"missing\",\"reason\":\"the sensor has no O3 channel\"}")
                .contains("\"no2\":{\"state\":\"ok\"");
        assertThat(monitor.latest().get().values()).doesNotContainKey("o3").containsKey("no2");
    }

    @Test
    void aValueMissingFromTheSampleIsAFailedChannel() {
        sensor.values.remove(AirChannel.PM10);
        AirMonitor monitor = monitor(Map.of());
        assertThatThrownBy(() -> new Pm10Point(monitor).read())
                .hasMessage("PM10 unavailable (failed): the sensor gave no PM10 value in its last sample");
    }

    @Test
    void aChannelUnchangedForTenSamplesIsStuckIsWithheldAndLeavesTheMeans() throws Exception {
        AirMonitor monitor = monitor(Map.of("mean_coverage_percent", 0.0));
        No2Point no2 = new No2Point(monitor);
        StatusPoint status = new StatusPoint(monitor);
        for (int i = 1; i < 9; i++) {
            sensor.set(AirChannel.PM10, 10 + i); // PM10 moves; every other channel holds still
            nextSample(monitor);
        }
        assertThat(no2.read().number()).as("9 equal samples").isEqualTo(20);
        assertThat(monitor.state().mean(Pollutant.NO2, MeanWindow.HOUR)).contains(20.0);
        sensor.set(AirChannel.PM10, 30);
        nextSample(monitor);
        assertThat(status.read().text()).contains("\"no2\":{\"state\":\"stuck\",\"reason\":\"unchanged at 20 "
                + "ug/m3 for 10 consecutive samples or more\"}").contains("\"pm10\":{\"state\":\"ok\"");
        assertThatThrownBy(no2::read).hasMessageStartingWith("NO2 unavailable (stuck): unchanged at 20");
        assertThat(monitor.state().mean(Pollutant.NO2, MeanWindow.HOUR)).as("all ten withdrawn").isEmpty();
        assertThat(monitor.state().mean(Pollutant.PM10, MeanWindow.HOUR)).isPresent();
        assertThat(monitor.latest().get().values()).doesNotContainKey("no2");

        sensor.set(AirChannel.NO2, 21);
        nextSample(monitor);
        assertThat(no2.read().number()).as("moving again").isEqualTo(21);
        assertThat(monitor.state().mean(Pollutant.NO2, MeanWindow.HOUR)).contains(21.0);
    }

    @Test
    void aStuckCheckOfZeroSamplesNeverCallsAChannelStuck() throws Exception {
        AirMonitor monitor = monitor(Map.of("stuck_samples", 0));
        for (int i = 0; i < 30; i++) {
            nextSample(monitor);
        }
        assertThat(new No2Point(monitor).read().number()).isEqualTo(20);
    }

    @Test
    void implausibleValuesAreOutOfRangeWithheldAndKeptOutOfTheMeans() throws Exception {
        AirMonitor monitor = monitor(Map.of("mean_coverage_percent", 0.0));
        sensor.set(AirChannel.PM2_5, -1).set(AirChannel.PM10, 1000.5).set(AirChannel.TEMPERATURE, 61)
                .set(AirChannel.HUMIDITY, 100.2).set(AirChannel.NO2, Double.NaN).set(AirChannel.O3, 1000);
        nextSample(monitor);
        String status = new StatusPoint(monitor).read().text();
        assertThat(status).contains("\"pm25\":{\"state\":\"out-of-range\",\"reason\":\"-1 is outside the "
                + "plausible range 0 to 1000 ug/m3\"}")
                .contains("\"pm10\":{\"state\":\"out-of-range\",\"reason\":\"1000.5 is outside")
                .contains("\"temperature\":{\"state\":\"out-of-range\",\"reason\":\"61 is outside the plausible "
                        + "range -40 to 60 Cel\"}")
                .contains("\"humidity\":{\"state\":\"out-of-range\",\"reason\":\"100.2 is outside the plausible "
                        + "range 0 to 100 %RH\"}")
                .contains("\"no2\":{\"state\":\"out-of-range\",\"reason\":\"NaN is outside")
                .contains("\"o3\":{\"state\":\"ok\"");
        assertThatThrownBy(() -> new TemperaturePoint(monitor).read())
                .hasMessage("temperature unavailable (out-of-range): 61 is outside the plausible range -40 to 60 Cel");
        assertThat(new O3Point(monitor).read().number()).as("the upper bound itself is plausible").isEqualTo(1000);
        assertThat(monitor.state().mean(Pollutant.PM25, MeanWindow.HOUR)).as("only the first sample").contains(6.0);
        assertThat(monitor.state().mean(Pollutant.PM10, MeanWindow.DAY)).contains(11.0);
    }

    @Test
    void thePlausibleRangesAreConfiguredPerChannelFamily() throws Exception {
        sensor.set(AirChannel.NO2, -2).set(AirChannel.TEMPERATURE, -45).set(AirChannel.PM10, 1100);
        AirMonitor monitor = monitor(Map.of("concentration_min", -5.0, "concentration_max", 2000.0,
                "temperature_min", -50.0));
        assertThat(new No2Point(monitor).read().number()).isEqualTo(-2);
        assertThat(new TemperaturePoint(monitor).read().number()).isEqualTo(-45);
        assertThat(new Pm10Point(monitor).read().number()).isEqualTo(1100);
    }

    @Test
    void aSensorThatCannotBeReadFailsEveryChannelWithItsReasonAndRecovers() throws Exception {
        sensor.channels.remove(AirChannel.PM1);
        AirMonitor monitor = monitor(Map.of("mean_coverage_percent", 0.0));
        Pm25Point pm25 = new Pm25Point(monitor);
        List<Reading> told = new CopyOnWriteArrayList<>();
        pm25.observe(told::add);
        sensor.failure = "air sensor does not answer on its bus";
        nextSample(monitor);
        assertThatThrownBy(pm25::read).isInstanceOf(ReadingUnavailableException.class).hasMessage(
                "PM2.5 unavailable (failed): the sensor cannot be read: air sensor does not answer on its bus");
        assertThat(new StatusPoint(monitor).read().text())
                .contains("\"pm1\":{\"state\":\"missing\"")
                .contains("\"humidity\":{\"state\":\"failed\",\"reason\":\"the sensor cannot be read: air sensor "
                        + "does not answer on its bus\"}");
        assertThat(monitor.latest().get().values()).isEmpty();
        assertThat(monitor.latest().get().time()).isEqualTo(time.now());

        sensor.failure = null;
        sensor.set(AirChannel.PM2_5, 8);
        nextSample(monitor);
        assertThat(pm25.read().number()).isEqualTo(8);
        assertThat(told).extracting(Reading::number).containsExactly(8.0);
        assertThat(monitor.state().mean(Pollutant.PM25, MeanWindow.HOUR)).contains(7.0);
    }

    @Test
    void aDriverThatThrowsUncheckedIsAFailedSensorNotAFailedPlugin() {
        AirMonitor monitor = monitor(Map.of());
        sensor.bug = new IllegalStateException("I2C bus locked");
        nextSample(monitor);
        assertThat(monitor.state().channel(AirChannel.O3).health()).isEqualTo(Health.FAILED);
        assertThatThrownBy(() -> new O3Point(monitor).read()).hasMessageContaining("I2C bus locked");
    }

    @Test
    void anAlertStartsAboveTheThresholdAndEndsOnlyBelowItsHysteresis() throws Exception {
        sensor.set(AirChannel.NO2, 200);
        AirMonitor monitor = monitor(Map.of("mean_coverage_percent", 0.0));
        AlertPoint alert = new AlertPoint(monitor);
        List<String> told = new CopyOnWriteArrayList<>();
        alert.observe(r -> told.add(r.text()));
        assertThat(alert.read().text()).as("a mean at the threshold does not exceed it").isEqualTo("[]");

        sensor.set(AirChannel.NO2, 224);
        nextSample(monitor); // hourly mean 212
        Instant start = time.now();
        String started = "[{\"pollutant\":\"no2\",\"mean\":\"1h\",\"value\":212,\"threshold\":200,\"since\":\""
                + start + "\"}]";
        assertThat(alert.read().text()).isEqualTo(started);

        sensor.set(AirChannel.NO2, 170);
        nextSample(monitor); // 198
        sensor.set(AirChannel.NO2, 190);
        nextSample(monitor); // 196
        sensor.set(AirChannel.NO2, 166);
        nextSample(monitor); // 190: not yet below 200 - 5 %
        assertThat(alert.read().text()).isEqualTo(started);
        sensor.set(AirChannel.NO2, 150);
        nextSample(monitor); // 183.3
        assertThat(alert.read().text()).isEqualTo("[]");
        assertThat(told).containsExactly(started, "[]");
    }

    @Test
    void dailyParticleAlertsUseTheirOwnThresholdsAndHysteresis() throws Exception {
        sensor.set(AirChannel.PM10, 60).set(AirChannel.PM2_5, 20);
        AirMonitor monitor = monitor(Map.of("mean_coverage_percent", 0.0, "stuck_samples", 0,
                "thresholds", new String[] { "pm10/24h=50", "pm25/24h=25" }, "alert_hysteresis_percent", 20.0));
        assertThat(new AlertPoint(monitor).read().text()).startsWith("[{\"pollutant\":\"pm10\",\"mean\":\"24h\","
                + "\"value\":60,\"threshold\":50,");
        sensor.set(AirChannel.PM10, 41);
        nextSample(monitor); // 50.5
        nextSample(monitor); // 47.3: above 40
        assertThat(monitor.state().alerts()).hasSize(1);
        sensor.set(AirChannel.PM10, 0);
        nextSample(monitor); // 35.5
        assertThat(monitor.state().alerts()).isEmpty();
    }

    @Test
    void anAlertWhoseMeanIsNoLongerKnownEnds() {
        sensor.set(AirChannel.NO2, 300);
        AirMonitor monitor = monitor(Map.of("mean_coverage_percent", 0.0));
        assertThat(monitor.state().alerts()).hasSize(1);
        sensor.channels.remove(AirChannel.NO2);
        time.advance(Duration.ofHours(1));
        monitor.sample();
        assertThat(monitor.state().alerts()).isEmpty();
    }

    @Test
    void theCapabilityReportsEverySampleToItsListenersUntilTheyUnsubscribe() {
        AirMonitor monitor = monitor(Map.of());
        List<AirQualityReport> reports = new CopyOnWriteArrayList<>();
        Subscription s = monitor.onReport(reports::add);
        nextSample(monitor);
        nextSample(monitor);
        s.close();
        nextSample(monitor);
        assertThat(reports).hasSize(2);
        assertThat(reports.get(1).time()).isEqualTo(time.now().minus(MINUTE));
        assertThat(reports.get(1).values()).containsEntry("pm25", 6.0);
    }

    @Test
    void aListenerThatThrowsIsDroppedAndTheOthersKeepHearing() {
        AirMonitor monitor = monitor(Map.of());
        List<AirQualityReport> reports = new CopyOnWriteArrayList<>();
        monitor.onReport(r -> {
            throw new IllegalStateException("broken consumer");
        });
        monitor.onReport(reports::add);
        nextSample(monitor);
        nextSample(monitor);
        assertThat(reports).hasSize(2);
    }

    @Test
    void pointsTellObserversOnlyWhenTheirOwnValueChanges() throws Exception {
        AirMonitor monitor = monitor(Map.of("stuck_samples", 0));
        Pm25Point pm25 = new Pm25Point(monitor);
        StatusPoint status = new StatusPoint(monitor);
        List<Reading> values = new CopyOnWriteArrayList<>();
        List<Reading> statuses = new CopyOnWriteArrayList<>();
        pm25.observe(values::add);
        status.observe(statuses::add);
        nextSample(monitor);
        sensor.set(AirChannel.PM2_5, 7);
        nextSample(monitor);
        nextSample(monitor);
        assertThat(values).extracting(Reading::number).containsExactly(7.0);
        assertThat(statuses).isEmpty();
        pm25.deactivate();
        sensor.set(AirChannel.PM2_5, 9);
        nextSample(monitor);
        assertThat(values).hasSize(1);
    }

    @Test
    void unreadableThresholdsAreRefusedNamingEachOne() {
        assertThatThrownBy(() -> monitor(Map.of("thresholds",
                new String[] { "no2/1h=200", "so2/1h=350", "pm10/8h=50", "o3/1h=-1", "pm25/24h", "no2/1h=400" })))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'so2/1h=350'").hasMessageContaining("'pm10/8h=50'")
                .hasMessageContaining("'o3/1h=-1'").hasMessageContaining("'pm25/24h'")
                .hasMessageContaining("'no2/1h=400'").hasMessageNotContaining("'no2/1h=200'")
                .hasMessageContaining("e.g. no2/1h=200");
    }

    @Test
    void theDefaultThresholdsAreTheEuLimitValuesOnTheMeansKeptHere() {
        assertThat(AlertRule.parse(config(Map.of()).thresholds())).extracting(AlertRule::toString)
                .containsExactly("no2/1h=200", "pm10/24h=50", "pm25/24h=25", "o3/1h=180");
    }

    @Test
    void anImpossiblePlausibleRangeIsRefused() {
        assertThatThrownBy(() -> monitor(Map.of("humidity_min", 50.0, "humidity_max", 10.0)))
                .hasMessage("a plausible range needs min <= max, got 50-10 %RH");
    }
}
