package org.lampyris.counting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.lampyris.hal.counting.Direction.BACKWARD;
import static org.lampyris.hal.counting.Direction.FORWARD;
import static org.lampyris.hal.counting.Direction.UNKNOWN;
import static org.lampyris.hal.counting.RoadUser.CYCLIST;
import static org.lampyris.hal.counting.RoadUser.PEDESTRIAN;
import static org.lampyris.hal.counting.RoadUser.VEHICLE;

import java.util.concurrent.Executors;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.lampyris.internal.json.Json;
import org.lampyris.internal.json.JsonException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lampyris.api.Subscription;
import org.lampyris.api.counting.TrafficStatus;
import org.lampyris.api.point.Point;
import org.lampyris.api.point.Reading;
import org.lampyris.api.point.StandardPoint;
import org.lampyris.hal.counting.CountingSensor;
import org.lampyris.hal.counting.Detection;
import org.lampyris.hal.counting.Direction;
import org.lampyris.hal.counting.RoadUser;
import org.lampyris.testkit.ManualTime;

class TrafficCounterTest {
    static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    /** A counting sensor the test makes road users pass. */
    static final class FakeSensor implements CountingSensor {
        final List<Consumer<Detection>> listeners = new CopyOnWriteArrayList<>();
        final ManualTime time;
        int present;

        FakeSensor(ManualTime time) {
            this.time = time;
        }

        /** A road user passes now. */
        void pass(RoadUser kind, Direction direction) {
            passedAt(time.now(), kind, direction);
        }

        /** The sensor reports a road user that passed at some time, possibly late. */
        void passedAt(Instant when, RoadUser kind, Direction direction) {
            listeners.forEach(l -> l.accept(new Detection(when, kind, direction)));
        }

        @Override
        public int present() {
            return present;
        }

        @Override
        public org.lampyris.hal.Subscription onDetection(Consumer<Detection> listener) {
            listeners.add(listener);
            return () -> listeners.remove(listener);
        }
    }

    /** A configuration with the given values and the declared defaults for the rest, as DS builds it. */
    static CountingConfig config(Map<String, Object> values) {
        Map<String, Object> all = new HashMap<>(values);
        all.putIfAbsent("poll_ms", 3_600_000L); // the tests poll explicitly
        return (CountingConfig) Proxy.newProxyInstance(CountingConfig.class.getClassLoader(),
                new Class<?>[] { CountingConfig.class },
                (p, m, a) -> all.containsKey(m.getName()) ? all.get(m.getName()) : m.getDefaultValue());
    }

    private final List<TrafficCounter> counters = new ArrayList<>();

    private TrafficCounter counter(FakeSensor sensor, Map<String, Object> config) {
        TrafficCounter counter = new TrafficCounter(sensor, sensor.time, config(config),
                Executors.newSingleThreadScheduledExecutor());
        counters.add(counter);
        return counter;
    }

    @AfterEach
    void tearDown() {
        counters.forEach(TrafficCounter::deactivate);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> intervals(TrafficCounter counter) {
        return (List<Map<String, Object>>) json(counter.snapshot().intervals().text());
    }

    /** The text a client reads, parsed back with the platform's strict JSON codec. */
    static Object json(String text) {
        try {
            return Json.parse(text);
        } catch (JsonException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    @SuppressWarnings("unchecked")
    static Object count(Map<String, Object> interval, String kind, String direction) {
        return ((Map<String, Object>) interval.get(kind)).get(direction);
    }

    static double value(Point point) throws Exception {
        return point.read().number();
    }

    @Test
    void eachRoadUserCountsInTheCurrentIntervalAndInTodaysTotalsOfItsClass() throws Exception {
        FakeSensor sensor = new FakeSensor(ManualTime.atLocal("2026-06-10T10:02", AMSTERDAM));
        TrafficCounter counter = counter(sensor, Map.of());
        sensor.pass(PEDESTRIAN, FORWARD);
        sensor.pass(PEDESTRIAN, BACKWARD);
        sensor.pass(CYCLIST, FORWARD);
        sensor.pass(VEHICLE, FORWARD);
        sensor.pass(VEHICLE, FORWARD);
        sensor.pass(VEHICLE, UNKNOWN);
        assertThat(value(new PedestrianPoint(counter))).isEqualTo(2);
        assertThat(value(new CyclistPoint(counter))).isEqualTo(1);
        assertThat(value(new VehiclePoint(counter))).isEqualTo(3);
        assertThat(value(new PedestriansTodayPoint(counter))).isEqualTo(2);
        assertThat(value(new CyclistsTodayPoint(counter))).isEqualTo(1);
        assertThat(value(new VehiclesTodayPoint(counter))).isEqualTo(3);
        TrafficStatus status = counter.status();
        assertThat(List.of(status.pedestrians(), status.cyclists(), status.vehicles())).containsExactly(2L, 1L, 3L);
    }

    @Test
    void theIntervalCountsStartAgainAtZeroWhenTheQuarterHourEndsWhileTodaysTotalsGoOn() throws Exception {
        ManualTime time = ManualTime.atLocal("2026-06-10T10:02", AMSTERDAM);
        FakeSensor sensor = new FakeSensor(time);
        TrafficCounter counter = counter(sensor, Map.of());
        PedestrianPoint interval = new PedestrianPoint(counter);
        PedestriansTodayPoint today = new PedestriansTodayPoint(counter);
        sensor.pass(PEDESTRIAN, FORWARD);
        time.setLocal("2026-06-10T10:14:59");
        sensor.pass(PEDESTRIAN, FORWARD);
        counter.poll();
        assertThat(value(interval)).as("at 10:14:59").isEqualTo(2);
        time.setLocal("2026-06-10T10:15");
        counter.poll();
        assertThat(value(interval)).as("at 10:15").isZero();
        assertThat(interval.read().time()).isEqualTo(time.now());
        assertThat(value(today)).isEqualTo(2);
        sensor.pass(PEDESTRIAN, BACKWARD);
        assertThat(value(interval)).isEqualTo(1);
        assertThat(value(today)).isEqualTo(3);
    }

    @Test
    void theIntervalsShowEachDirectionOfEachClassSeparately() {
        ManualTime time = ManualTime.atLocal("2026-06-10T10:02", AMSTERDAM);
        FakeSensor sensor = new FakeSensor(time);
        TrafficCounter counter = counter(sensor, Map.of());
        sensor.pass(PEDESTRIAN, FORWARD);
        sensor.pass(PEDESTRIAN, FORWARD);
        sensor.pass(PEDESTRIAN, BACKWARD);
        sensor.pass(PEDESTRIAN, null); // a sensor that cannot tell may leave the direction out
        sensor.pass(CYCLIST, BACKWARD);
        sensor.pass(VEHICLE, UNKNOWN);
        time.setLocal("2026-06-10T10:15");
        counter.poll();
        Map<String, Object> closed = intervals(counter).get(0);
        assertThat(count(closed, "pedestrian", "forward")).isEqualTo(2L);
        assertThat(count(closed, "pedestrian", "backward")).isEqualTo(1L);
        assertThat(count(closed, "pedestrian", "unknown")).isEqualTo(1L);
        assertThat(count(closed, "cyclist", "forward")).isEqualTo(0L);
        assertThat(count(closed, "cyclist", "backward")).isEqualTo(1L);
        assertThat(count(closed, "vehicle", "unknown")).isEqualTo(1L);
        assertThat(count(closed, "vehicle", "forward")).isEqualTo(0L);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theIntervalsDocumentIsWellFormedJsonWithTheLastCompletedIntervalsOldestFirst() throws Exception {
        ManualTime time = ManualTime.atLocal("2026-06-10T10:00", AMSTERDAM);
        FakeSensor sensor = new FakeSensor(time);
        TrafficCounter counter = counter(sensor, Map.of("history_intervals", 3));
        IntervalsPoint point = new IntervalsPoint(counter);
        assertThat(json(point.read().text())).as("before any interval ends").isEqualTo(List.of());
        for (int quarter = 0; quarter < 5; quarter++) {
            for (int i = 0; i <= quarter; i++) {
                sensor.pass(VEHICLE, FORWARD);
            }
            time.advance(Duration.ofMinutes(15));
            counter.poll();
        }
        String json = point.read().text();
        assertThat(point.info().kind()).isEqualTo(StandardPoint.COUNT_INTERVALS.info().kind());
        assertThat(json).matches("\\[(\\{\"start\":\"[^\"]+\",\"end\":\"[^\"]+\"(,\"[a-z]+\":\\{(\"[a-z]+\":\\d+,?){3}\\}){3}\\},?)+\\]");
        List<Map<String, Object>> intervals = intervals(counter);
        assertThat(intervals).extracting(i -> i.get("start")).containsExactly("2026-06-10T10:30:00+02:00",
                "2026-06-10T10:45:00+02:00", "2026-06-10T11:00:00+02:00");
        assertThat(intervals).extracting(i -> i.get("end")).containsExactly("2026-06-10T10:45:00+02:00",
                "2026-06-10T11:00:00+02:00", "2026-06-10T11:15:00+02:00");
        assertThat(intervals).extracting(i -> count(i, "vehicle", "forward")).containsExactly(3L, 4L, 5L);
        assertThat(intervals.get(0).keySet()).containsExactly("start", "end", "pedestrian", "cyclist", "vehicle");
        assertThat(((Map<String, Object>) intervals.get(0).get("cyclist")).keySet()).containsExactly("forward", "backward",
                "unknown");
    }

    @Test
    void aQuietStreetStillShowsItsIntervalsWithNothingCounted() {
        ManualTime time = ManualTime.atLocal("2026-06-10T10:02", AMSTERDAM);
        FakeSensor sensor = new FakeSensor(time);
        TrafficCounter counter = counter(sensor, Map.of());
        sensor.pass(CYCLIST, FORWARD);
        time.setLocal("2026-06-10T16:05");
        counter.poll();
        List<Map<String, Object>> intervals = intervals(counter);
        assertThat(intervals).hasSize(8);
        assertThat(intervals.get(0).get("start")).isEqualTo("2026-06-10T14:00:00+02:00");
        assertThat(intervals.get(7).get("end")).isEqualTo("2026-06-10T16:00:00+02:00");
        assertThat(intervals).allSatisfy(i -> assertThat(count(i, "cyclist", "forward")).isEqualTo(0L));
        for (int i = 1; i < intervals.size(); i++) {
            assertThat(intervals.get(i).get("start")).isEqualTo(intervals.get(i - 1).get("end"));
        }
    }

    @Test
    void todaysTotalsStartAgainAtLocalMidnightNotAtMidnightUtc() throws Exception {
        ManualTime time = ManualTime.atLocal("2026-06-10T23:50", AMSTERDAM);
        FakeSensor sensor = new FakeSensor(time);
        TrafficCounter counter = counter(sensor, Map.of());
        PedestriansTodayPoint today = new PedestriansTodayPoint(counter);
        sensor.pass(PEDESTRIAN, FORWARD);
        time.setLocal("2026-06-11T00:00:01");
        counter.poll();
        assertThat(value(today)).as("just after local midnight").isZero();
        assertThat(today.read().time()).isEqualTo(Instant.parse("2026-06-10T22:00:00Z"));
        sensor.pass(PEDESTRIAN, FORWARD);
        time.setLocal("2026-06-11T02:30"); // 00:30 UTC
        counter.poll();
        sensor.pass(PEDESTRIAN, BACKWARD);
        assertThat(value(today)).as("midnight UTC changes nothing").isEqualTo(2);
    }

    @Test
    void todaysTotalsCoverTheShortDayWhenClocksGoForward() throws Exception {
        ManualTime time = ManualTime.atLocal("2026-03-28T23:50", AMSTERDAM);
        FakeSensor sensor = new FakeSensor(time);
        TrafficCounter counter = counter(sensor, Map.of());
        VehiclesTodayPoint today = new VehiclesTodayPoint(counter);
        sensor.pass(VEHICLE, FORWARD);
        assertThat(value(today)).isEqualTo(1);
        time.set(Instant.parse("2026-03-28T22:59:59Z")); // 23:59:59 CET
        counter.poll();
        assertThat(value(today)).as("before midnight").isEqualTo(1);
        time.set(Instant.parse("2026-03-28T23:00:00Z")); // 00:00 CET on the 29th
        counter.poll();
        assertThat(value(today)).as("at local midnight").isZero();
        time.setLocal("2026-03-29T01:55");
        sensor.pass(VEHICLE, FORWARD);
        time.setLocal("2026-03-29T03:05"); // clocks went forward from 02:00 to 03:00
        counter.poll();
        sensor.pass(VEHICLE, BACKWARD);
        assertThat(value(today)).as("across the change").isEqualTo(2);
        time.setLocal("2026-03-29T23:59:59");
        counter.poll();
        assertThat(value(today)).isEqualTo(2);
        assertThat(counter.snapshot().dayStart()).isEqualTo(Instant.parse("2026-03-28T23:00:00Z"));
        time.setLocal("2026-03-30T00:00");
        counter.poll();
        assertThat(value(today)).as("after a day of 23 hours").isZero();
        assertThat(today.read().time()).isEqualTo(Instant.parse("2026-03-29T22:00:00Z"));
    }

    @Test
    void todaysTotalsCoverTheLongDayWhenClocksGoBackAndItsRepeatedHourIsCountedTwice() throws Exception {
        ManualTime time = ManualTime.atLocal("2026-10-25T00:30", AMSTERDAM);
        FakeSensor sensor = new FakeSensor(time);
        TrafficCounter counter = counter(sensor, Map.of("history_intervals", 96));
        PedestriansTodayPoint today = new PedestriansTodayPoint(counter);
        sensor.pass(PEDESTRIAN, FORWARD);
        time.set(Instant.parse("2026-10-25T00:30:00Z")); // 02:30 summer time
        counter.poll();
        sensor.pass(PEDESTRIAN, FORWARD);
        time.set(Instant.parse("2026-10-25T01:30:00Z")); // 02:30 again, winter time
        counter.poll();
        sensor.pass(PEDESTRIAN, BACKWARD);
        time.set(Instant.parse("2026-10-25T22:59:59Z")); // 23:59:59 CET
        counter.poll();
        assertThat(value(today)).isEqualTo(3);
        List<Map<String, Object>> intervals = intervals(counter);
        assertThat(intervals).filteredOn(i -> ((String) i.get("start")).startsWith("2026-10-25T02:30"))
                .extracting(i -> i.get("start"), i -> count(i, "pedestrian", "forward"),
                        i -> count(i, "pedestrian", "backward"))
                .containsExactly(tuple("2026-10-25T02:30:00+02:00", 1L, 0L),
                        tuple("2026-10-25T02:30:00+01:00", 0L, 1L));
        time.set(Instant.parse("2026-10-25T23:00:00Z")); // 00:00 CET on the 26th
        counter.poll();
        assertThat(value(today)).as("after a day of 25 hours").isZero();
    }

    @Test
    void presenceFollowsTheSensor() throws Exception {
        ManualTime time = ManualTime.atLocal("2026-06-10T22:00", AMSTERDAM);
        FakeSensor sensor = new FakeSensor(time);
        sensor.present = 1;
        TrafficCounter counter = counter(sensor, Map.of());
        PresencePoint presence = new PresencePoint(counter);
        assertThat(value(presence)).as("at activation").isEqualTo(1);
        sensor.present = 3;
        counter.poll();
        assertThat(value(presence)).isEqualTo(3);
        assertThat(counter.status().present()).isEqualTo(3);
        sensor.present = 0;
        counter.poll();
        assertThat(value(presence)).isZero();
        sensor.present = 1;
        sensor.pass(CYCLIST, FORWARD);
        assertThat(counter.status().present()).as("read again as a detection arrives").isEqualTo(1);
    }

    @Test
    void listenersHearOfChangesInPresenceAndCountsAndOfNothingElse() {
        ManualTime time = ManualTime.atLocal("2026-06-10T22:00", AMSTERDAM);
        FakeSensor sensor = new FakeSensor(time);
        TrafficCounter counter = counter(sensor, Map.of());
        List<TrafficStatus> heard = new CopyOnWriteArrayList<>();
        Subscription subscription = counter.onChange(heard::add);
        counter.poll();
        assertThat(heard).as("nothing changed").isEmpty();
        sensor.present = 2;
        counter.poll();
        assertThat(heard).extracting(TrafficStatus::present).containsExactly(2);
        sensor.pass(PEDESTRIAN, FORWARD);
        assertThat(heard).hasSize(2);
        assertThat(heard.get(1).pedestrians()).isEqualTo(1);
        assertThat(heard.get(1).time()).isEqualTo(time.now());
        time.setLocal("2026-06-10T22:15");
        counter.poll();
        assertThat(heard).as("a new interval leaves presence and today's totals as they were").hasSize(2);
        time.setLocal("2026-06-11T00:00");
        counter.poll();
        assertThat(heard).as("midnight resets today's totals").hasSize(3);
        assertThat(heard.get(2).pedestrians()).isZero();
        subscription.close();
        sensor.pass(VEHICLE, FORWARD);
        assertThat(heard).hasSize(3);
    }

    @Test
    void aListenerThatFailsIsDroppedAndTheOthersStillHear() {
        FakeSensor sensor = new FakeSensor(ManualTime.atLocal("2026-06-10T22:00", AMSTERDAM));
        TrafficCounter counter = counter(sensor, Map.of());
        List<TrafficStatus> heard = new ArrayList<>();
        int[] failures = { 0 };
        counter.onChange(status -> {
            failures[0]++;
            throw new IllegalStateException("broken consumer");
        });
        counter.onChange(heard::add);
        sensor.pass(VEHICLE, FORWARD);
        sensor.pass(VEHICLE, FORWARD);
        assertThat(heard).hasSize(2);
        assertThat(failures[0]).isEqualTo(1);
    }

    @Test
    void observersOfAPointAreToldOnlyWhenItsOwnValueChanges() {
        ManualTime time = ManualTime.atLocal("2026-06-10T10:02", AMSTERDAM);
        FakeSensor sensor = new FakeSensor(time);
        TrafficCounter counter = counter(sensor, Map.of());
        PedestrianPoint pedestrians = new PedestrianPoint(counter);
        IntervalsPoint intervals = new IntervalsPoint(counter);
        List<Double> seen = new CopyOnWriteArrayList<>();
        List<String> documents = new CopyOnWriteArrayList<>();
        pedestrians.observe(r -> seen.add(r.number()));
        intervals.observe(r -> documents.add(r.text()));
        sensor.pass(VEHICLE, FORWARD);
        sensor.pass(PEDESTRIAN, FORWARD);
        sensor.pass(PEDESTRIAN, BACKWARD);
        counter.poll();
        assertThat(seen).containsExactly(1.0, 2.0);
        assertThat(documents).as("no interval completed yet").isEmpty();
        time.setLocal("2026-06-10T10:15");
        counter.poll();
        assertThat(seen).containsExactly(1.0, 2.0, 0.0);
        assertThat(documents).hasSize(1);
        pedestrians.deactivate();
        sensor.pass(PEDESTRIAN, FORWARD);
        assertThat(seen).hasSize(3);
    }

    @Test
    void aDetectionReportedLateCountsInTheIntervalItHappenedIn() throws Exception {
        ManualTime time = ManualTime.atLocal("2026-06-10T10:14:00", AMSTERDAM);
        FakeSensor sensor = new FakeSensor(time);
        TrafficCounter counter = counter(sensor, Map.of());
        time.setLocal("2026-06-10T10:15:10");
        counter.poll();
        sensor.passedAt(time.now().minusSeconds(20), PEDESTRIAN, BACKWARD);
        assertThat(value(new PedestrianPoint(counter))).as("the current interval").isZero();
        assertThat(count(intervals(counter).get(0), "pedestrian", "backward")).isEqualTo(1L);
        assertThat(counter.status().pedestrians()).isEqualTo(1);
    }

    @Test
    void aDetectionFromBeforeMidnightReportedAfterItCountsInItsIntervalButNotInTheNewDay() {
        ManualTime time = ManualTime.atLocal("2026-06-10T23:59:00", AMSTERDAM);
        FakeSensor sensor = new FakeSensor(time);
        TrafficCounter counter = counter(sensor, Map.of());
        time.setLocal("2026-06-11T00:00:05");
        counter.poll();
        sensor.passedAt(time.now().minusSeconds(10), CYCLIST, FORWARD);
        assertThat(count(intervals(counter).get(0), "cyclist", "forward")).isEqualTo(1L);
        assertThat(counter.status().cyclists()).isZero();
    }

    @Test
    void aDetectionStampedAheadOfThePostClockCountsNow() throws Exception {
        ManualTime time = ManualTime.atLocal("2026-06-10T10:14:00", AMSTERDAM);
        FakeSensor sensor = new FakeSensor(time);
        TrafficCounter counter = counter(sensor, Map.of());
        sensor.passedAt(time.now().plus(Duration.ofHours(3)), VEHICLE, FORWARD);
        assertThat(value(new VehiclePoint(counter))).isEqualTo(1);
        assertThat(intervals(counter)).isEmpty();
    }

    @Test
    void noCountReadingOrIntervalCarriesTheTimeOfADetection() {
        ManualTime time = ManualTime.atLocal("2026-06-10T10:07:23", AMSTERDAM);
        FakeSensor sensor = new FakeSensor(time);
        TrafficCounter counter = counter(sensor, Map.of());
        Instant passed = time.now();
        sensor.pass(PEDESTRIAN, FORWARD);
        List<Point> counts = List.of(new PedestrianPoint(counter), new CyclistPoint(counter),
                new VehiclePoint(counter), new PedestriansTodayPoint(counter), new CyclistsTodayPoint(counter),
                new VehiclesTodayPoint(counter), new IntervalsPoint(counter));
        time.setLocal("2026-06-10T10:15");
        counter.poll();
        assertThat(counts).extracting(p -> p.read().time()).doesNotContain(passed);
        assertThat(counter.snapshot().intervals().text()).doesNotContain("10:07");
    }

    @Test
    void thePointsAreTheStandardCountingPoints() {
        TrafficCounter counter = counter(new FakeSensor(ManualTime.atLocal("2026-06-10T10:00", AMSTERDAM)), Map.of());
        assertThat(List.of(new PresencePoint(counter), new PedestrianPoint(counter), new CyclistPoint(counter),
                new VehiclePoint(counter), new PedestriansTodayPoint(counter), new CyclistsTodayPoint(counter),
                new VehiclesTodayPoint(counter), new IntervalsPoint(counter))).extracting(Point::info)
                .containsExactly(StandardPoint.COUNT_PRESENCE.info(), StandardPoint.COUNT_PEDESTRIAN.info(),
                        StandardPoint.COUNT_CYCLIST.info(), StandardPoint.COUNT_VEHICLE.info(),
                        StandardPoint.COUNT_PEDESTRIAN_TODAY.info(), StandardPoint.COUNT_CYCLIST_TODAY.info(),
                        StandardPoint.COUNT_VEHICLE_TODAY.info(), StandardPoint.COUNT_INTERVALS.info());
    }

    @Test
    void anIntervalShorterThanFiveMinutesIsLengthenedToFive() throws Exception {
        ManualTime time = ManualTime.atLocal("2026-06-10T10:02", AMSTERDAM);
        FakeSensor sensor = new FakeSensor(time);
        TrafficCounter counter = counter(sensor, Map.of("interval_minutes", 1));
        sensor.pass(PEDESTRIAN, FORWARD);
        time.setLocal("2026-06-10T10:04:59");
        counter.poll();
        assertThat(value(new PedestrianPoint(counter))).isEqualTo(1);
        assertThat(counter.snapshot().current().start()).isEqualTo(Instant.parse("2026-06-10T08:00:00Z"));
        assertThat(counter.snapshot().current().end()).isEqualTo(Instant.parse("2026-06-10T08:05:00Z"));
    }

    @Test
    void aDeactivatedCounterNoLongerListensToTheSensor() {
        FakeSensor sensor = new FakeSensor(ManualTime.atLocal("2026-06-10T10:00", AMSTERDAM));
        TrafficCounter counter = counter(sensor, Map.of());
        assertThat(sensor.listeners).hasSize(1);
        counter.deactivate();
        counters.remove(counter);
        assertThat(sensor.listeners).isEmpty();
    }

    @Test
    void theReadingsAreNumbersOfTheRightKind() throws Exception {
        FakeSensor sensor = new FakeSensor(ManualTime.atLocal("2026-06-10T10:00", AMSTERDAM));
        TrafficCounter counter = counter(sensor, Map.of());
        Reading presence = new PresencePoint(counter).read();
        assertThat(presence.kind()).isEqualTo(StandardPoint.COUNT_PRESENCE.info().kind());
        assertThat(presence.text()).isEqualTo("0");
    }
}
