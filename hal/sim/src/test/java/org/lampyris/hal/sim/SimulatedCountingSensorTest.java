package org.lampyris.hal.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lampyris.hal.Subscription;
import org.lampyris.hal.counting.Detection;
import org.lampyris.hal.counting.Direction;
import org.lampyris.hal.counting.RoadUser;
import org.lampyris.testkit.ManualTime;

class SimulatedCountingSensorTest {
    private final ManualTime time = ManualTime.at("2026-11-23T00:00:00Z");

    private final List<SimulatedCountingSensor> made = new ArrayList<>();

    private SimulatedCountingSensor sensor(Map<String, Object> config) {
        SimulatedCountingSensor s = new SimulatedCountingSensor(time,
                Configs.of(SimulatedCountingSensor.Config.class, config));
        made.add(s);
        return s;
    }

    @AfterEach
    void deactivate() {
        made.forEach(SimulatedCountingSensor::deactivate);
    }

    private static final Instant DAY = Instant.parse("2026-11-23T00:00:00Z");

    @Test
    void theSameSeedSeesTheSameRoadUsersAndAnotherSeedOthers() {
        List<Detection> a = sensor(Map.of("seed", 5L)).detections(DAY, DAY.plus(Duration.ofHours(24)));
        List<Detection> b = sensor(Map.of("seed", 5L)).detections(DAY, DAY.plus(Duration.ofHours(24)));
        List<Detection> c = sensor(Map.of("seed", 6L)).detections(DAY, DAY.plus(Duration.ofHours(24)));
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
        assertThat(a).extracting(Detection::kind).contains(RoadUser.PEDESTRIAN, RoadUser.CYCLIST, RoadUser.VEHICLE);
        assertThat(a).extracting(Detection::direction).contains(Direction.FORWARD, Direction.BACKWARD);
        assertThat(a).isSortedAccordingTo((x, y) -> x.time().compareTo(y.time()));
    }

    @Test
    void theConfiguredRatesSetTheMixOfRoadUsers() {
        List<Detection> day = sensor(Map.of("pedestrians_per_hour", 0.0, "cyclists_per_hour", 0.0,
                "vehicles_per_hour", 120.0)).detections(DAY, DAY.plus(Duration.ofHours(24)));
        assertThat(day).isNotEmpty().extracting(Detection::kind).containsOnly(RoadUser.VEHICLE);
    }

    @Test
    void theStreetIsBusierAtRushHourThanAtNight() {
        SimulatedCountingSensor s = sensor(Map.of());
        int night = s.detections(DAY.plus(Duration.ofHours(2)), DAY.plus(Duration.ofHours(4))).size();
        int rush = s.detections(DAY.plus(Duration.ofHours(7)), DAY.plus(Duration.ofHours(9))).size();
        assertThat(rush).isGreaterThan(night * 3);
        // About the configured rates at the peak: 100 road users an hour.
        assertThat(rush).isBetween(100, 240);
    }

    @Test
    void aRoadUserCountsAsPresentForTheDwellTimeOnly() {
        SimulatedCountingSensor s = sensor(Map.of("dwell_seconds", 10L));
        List<Detection> day = s.detections(DAY, DAY.plus(Duration.ofHours(24)));
        // A road user with nobody else in the 11 seconds after it.
        Detection lone = null;
        for (int i = 0; i < day.size() && lone == null; i++) {
            Instant t = day.get(i).time();
            boolean followed = i + 1 < day.size() && !day.get(i + 1).time().isAfter(t.plusSeconds(11));
            if (!followed) {
                lone = day.get(i);
            }
        }
        assertThat(lone).isNotNull();
        time.set(lone.time());
        int atDetection = s.present();
        assertThat(atDetection).isPositive();
        time.set(lone.time().plusSeconds(10).minusMillis(1));
        assertThat(s.present()).as("still within its dwell").isEqualTo(atDetection);
        time.set(lone.time().plusSeconds(10));
        assertThat(s.present()).as("its dwell is over").isEqualTo(atDetection - 1);
        time.set(lone.time().plusSeconds(11));
        assertThat(s.present()).isZero();
    }

    @Test
    void listenersHearEachDetectionOnceItsPostTimeHasCome() throws InterruptedException {
        time.set(DAY.plus(Duration.ofHours(8)));
        SimulatedCountingSensor s = sensor(Map.of("seed", 9L));
        Instant from = time.now();
        BlockingQueue<Detection> heard = new LinkedBlockingQueue<>();
        Subscription subscription = s.onDetection(heard::add);
        assertThat(s.ticking()).isTrue();
        time.advance(Duration.ofMinutes(10));
        List<Detection> expected = s.detections(from, time.now());
        assertThat(expected).isNotEmpty();
        List<Detection> got = new ArrayList<>();
        while (got.size() < expected.size()) {
            Detection d = heard.poll(5, TimeUnit.SECONDS);
            assertThat(d).as("detection %d of %d", got.size() + 1, expected.size()).isNotNull();
            got.add(d);
        }
        assertThat(got).isEqualTo(expected);
        subscription.close();
        assertThat(s.ticking()).isFalse();
    }

    @Test
    void thePoissonDrawMatchesItsMean() {
        double total = 0;
        int n = 10_000;
        for (int i = 0; i < n; i++) {
            total += SimulatedCountingSensor.poisson(2.5, (i + 0.5) / n);
        }
        assertThat(total / n).isBetween(2.4, 2.6);
    }
}
