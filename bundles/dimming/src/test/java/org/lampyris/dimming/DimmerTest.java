package org.lampyris.dimming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lampyris.api.Subscription;
import org.lampyris.api.counting.TrafficCounting;
import org.lampyris.api.counting.TrafficStatus;
import org.lampyris.api.point.InvalidValueException;
import org.lampyris.api.point.Reading;
import org.lampyris.hal.Site;
import org.lampyris.hal.luminaire.Luminaire;
import org.lampyris.hal.luminaire.LuminaireInfo;
import org.lampyris.hal.luminaire.LuminaireState;
import org.lampyris.testkit.ManualTime;

class DimmerTest {
    static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    static final Site AMSTERDAM_SITE = site(52.3676, 4.9041);

    /** A luminaire that records what it is told and reports power as level x 0.6 W. */
    static final class RecordingLuminaire implements Luminaire {
        final List<String> calls = new ArrayList<>();
        final List<Consumer<LuminaireState>> listeners = new CopyOnWriteArrayList<>();
        double level;

        @Override
        public LuminaireInfo info() {
            return new LuminaireInfo("Test", "T-60", 60);
        }

        @Override
        public void setLevel(double percent, Duration fade) {
            calls.add(percent + "@" + fade.toMillis());
            level = percent;
            listeners.forEach(l -> l.accept(state()));
        }

        @Override
        public LuminaireState state() {
            return new LuminaireState(Instant.EPOCH, level, level, level * 0.6, 12.345, false, false, 1);
        }

        @Override
        public void setSystemFailureLevel(double percent) {
        }

        @Override
        public double systemFailureLevel() {
            return 100;
        }

        @Override
        public org.lampyris.hal.Subscription onChange(Consumer<LuminaireState> listener) {
            listeners.add(listener);
            return () -> listeners.remove(listener);
        }
    }

    static Site site(double latitude, double longitude) {
        return new Site() {
            @Override
            public double latitude() {
                return latitude;
            }

            @Override
            public double longitude() {
                return longitude;
            }
        };
    }

    /** A configuration with the given values and the declared defaults for the rest, as DS builds it. */
    static DimmingConfig config(Map<String, Object> values) {
        return (DimmingConfig) Proxy.newProxyInstance(DimmingConfig.class.getClassLoader(),
                new Class<?>[] { DimmingConfig.class }, (p, m, a) -> {
                    if (m.getName().equals("evaluation_ms")) {
                        return 60_000L; // the tests evaluate explicitly
                    }
                    return values.containsKey(m.getName()) ? values.get(m.getName()) : m.getDefaultValue();
                });
    }

    private final List<Dimmer> dimmers = new ArrayList<>();

    private Dimmer dimmer(RecordingLuminaire luminaire, ManualTime time, Map<String, Object> config) {
        Dimmer d = new Dimmer(luminaire, time, AMSTERDAM_SITE, config(config), Executors.newSingleThreadScheduledExecutor());
        dimmers.add(d);
        return d;
    }

    @AfterEach
    void tearDown() {
        dimmers.forEach(Dimmer::deactivate);
    }

    @Test
    void theLightIsOffByDayAndFollowsTheProfileThroughTheNight() {
        RecordingLuminaire luminaire = new RecordingLuminaire();
        ManualTime time = ManualTime.atLocal("2026-12-21T12:00", AMSTERDAM);
        Dimmer dimmer = dimmer(luminaire, time, Map.of());
        assertThat(luminaire.level).as("noon").isZero();
        // Sunset in Amsterdam on 21 December 2026 is about 16:29 local time; sunrise the next day about 08:48.
        time.setLocal("2026-12-21T16:20");
        dimmer.evaluate();
        assertThat(luminaire.level).as("before sunset").isZero();
        time.setLocal("2026-12-21T16:40");
        dimmer.evaluate();
        assertThat(luminaire.level).as("after sunset, profile 05:00=100 still in force").isEqualTo(100);
        time.setLocal("2026-12-21T22:30");
        dimmer.evaluate();
        assertThat(luminaire.level).as("after 22:00").isEqualTo(50);
        time.setLocal("2026-12-22T05:30");
        dimmer.evaluate();
        assertThat(luminaire.level).as("after 05:00").isEqualTo(100);
        time.setLocal("2026-12-22T09:00");
        dimmer.evaluate();
        assertThat(luminaire.level).as("after sunrise").isZero();
        assertThat(luminaire.calls.get(0)).as("the first level applies at once").endsWith("@0");
        assertThat(luminaire.calls.get(1)).as("later levels fade").endsWith("@2000");
    }

    @Test
    void aNewProfileAppliesInPlaceAndAMalformedOneIsRefused() {
        RecordingLuminaire luminaire = new RecordingLuminaire();
        ManualTime time = ManualTime.atLocal("2026-12-21T23:00", AMSTERDAM);
        Dimmer dimmer = dimmer(luminaire, time, Map.of());
        assertThat(luminaire.level).isEqualTo(50);
        dimmer.modified(config(Map.of("profile", new String[] { "21:00=30", "05:00=100" })));
        assertThat(luminaire.level).as("the new profile, at once").isEqualTo(30);
        dimmer.modified(config(Map.of("profile", new String[] { "25:99=abc" })));
        time.setLocal("2026-12-21T23:30");
        dimmer.evaluate();
        assertThat(luminaire.level).as("the previous settings stay in force").isEqualTo(30);
    }

    @Test
    void anOperatorsLevelOutlivesASettingsChange() throws Exception {
        RecordingLuminaire luminaire = new RecordingLuminaire();
        ManualTime time = ManualTime.atLocal("2026-12-21T23:00", AMSTERDAM);
        Dimmer dimmer = dimmer(luminaire, time, Map.of());
        dimmer.setLevel(20);
        dimmer.modified(config(Map.of("boost_level", 80.0)));
        assertThat(luminaire.level).isEqualTo(20);
    }

    @Test
    void duskAndDawnOffsetsShiftTheSwitchingTimes() {
        RecordingLuminaire luminaire = new RecordingLuminaire();
        ManualTime time = ManualTime.atLocal("2026-12-21T16:45", AMSTERDAM);
        dimmer(luminaire, time, Map.of("dusk_offset_minutes", 30));
        assertThat(luminaire.level).as("15 minutes after sunset, dusk is 30 minutes after it").isZero();
        ManualTime later = ManualTime.atLocal("2026-12-21T17:05", AMSTERDAM);
        RecordingLuminaire other = new RecordingLuminaire();
        dimmer(other, later, Map.of("dusk_offset_minutes", 30));
        assertThat(other.level).isEqualTo(100);
    }

    @Test
    void theProfileKeepsLocalTimeAcrossTheChangeFromSummerTime() {
        RecordingLuminaire luminaire = new RecordingLuminaire();
        // 25 October 2026: clocks go back from 03:00 to 02:00 in Amsterdam.
        ManualTime time = ManualTime.atLocal("2026-10-25T21:55", AMSTERDAM);
        Dimmer dimmer = dimmer(luminaire, time, Map.of());
        assertThat(luminaire.level).isEqualTo(100);
        time.setLocal("2026-10-25T22:05");
        dimmer.evaluate();
        assertThat(luminaire.level).isEqualTo(50);
    }

    @Test
    void presenceAtNightBoostsTheLightForTheHoldTimeThenTheProfileResumes() {
        RecordingLuminaire luminaire = new RecordingLuminaire();
        ManualTime time = ManualTime.atLocal("2026-12-21T23:00", AMSTERDAM);
        Dimmer dimmer = dimmer(luminaire, time, Map.of("boost_level", 90.0, "boost_hold_seconds", 60L));
        FakeCounting counting = new FakeCounting();
        dimmer.bindCounting(counting);
        assertThat(luminaire.level).isEqualTo(50);
        counting.report(time.now(), 2);
        assertThat(luminaire.level).as("boosted at once").isEqualTo(90);
        time.advance(Duration.ofSeconds(59));
        dimmer.evaluate();
        assertThat(luminaire.level).isEqualTo(90);
        time.advance(Duration.ofSeconds(2));
        dimmer.evaluate();
        assertThat(luminaire.level).as("after the hold time").isEqualTo(50);
        dimmer.unbindCounting(counting);
        assertThat(counting.listeners).isEmpty();
    }

    @Test
    void presenceByDayLeavesTheLightOff() {
        RecordingLuminaire luminaire = new RecordingLuminaire();
        ManualTime time = ManualTime.atLocal("2026-12-21T12:00", AMSTERDAM);
        Dimmer dimmer = dimmer(luminaire, time, Map.of());
        FakeCounting counting = new FakeCounting();
        dimmer.bindCounting(counting);
        counting.report(time.now(), 5);
        assertThat(luminaire.level).isZero();
    }

    @Test
    void anOperatorsLevelHoldsUntilItsExpiryThenTheProfileResumes() throws InvalidValueException {
        RecordingLuminaire luminaire = new RecordingLuminaire();
        ManualTime time = ManualTime.atLocal("2026-12-21T23:00", AMSTERDAM);
        Dimmer dimmer = dimmer(luminaire, time, Map.of("override_minutes", 30L));
        dimmer.setLevel(30);
        assertThat(luminaire.level).isEqualTo(30);
        time.advance(Duration.ofMinutes(29));
        dimmer.evaluate();
        assertThat(luminaire.level).isEqualTo(30);
        time.advance(Duration.ofMinutes(2));
        dimmer.evaluate();
        assertThat(luminaire.level).isEqualTo(50);
    }

    @Test
    void aLevelOutsideZeroToHundredIsRefusedWithAReasonAndNotApplied() {
        RecordingLuminaire luminaire = new RecordingLuminaire();
        Dimmer dimmer = dimmer(luminaire, ManualTime.atLocal("2026-12-21T23:00", AMSTERDAM), Map.of());
        assertThatThrownBy(() -> dimmer.setLevel(150)).isInstanceOf(InvalidValueException.class)
                .hasMessage("level must be between 0 and 100 %, got 150");
        assertThatThrownBy(() -> dimmer.setLevel(-0.5)).hasMessageContaining("-0.5");
        assertThatThrownBy(() -> dimmer.setLevel(Double.NaN)).isInstanceOf(InvalidValueException.class);
        assertThat(luminaire.level).isEqualTo(50);
    }

    @Test
    void thePolarNightKeepsTheLightOnAtNoon() {
        RecordingLuminaire luminaire = new RecordingLuminaire();
        ManualTime time = ManualTime.atLocal("2026-12-21T12:00", ZoneId.of("Europe/Oslo"));
        Dimmer d = new Dimmer(luminaire, time, site(69.6492, 18.9553), config(Map.of()),
                Executors.newSingleThreadScheduledExecutor());
        dimmers.add(d);
        assertThat(luminaire.level).isEqualTo(100);
    }

    @Test
    void thePointsTellObserversOnlyWhenTheirOwnValueChanges() throws Exception {
        RecordingLuminaire luminaire = new RecordingLuminaire();
        Dimmer dimmer = dimmer(luminaire, ManualTime.atLocal("2026-12-21T23:00", AMSTERDAM), Map.of());
        LevelPoint level = new LevelPoint(dimmer);
        EnergyPoint energy = new EnergyPoint(dimmer);
        List<Reading> levels = new CopyOnWriteArrayList<>();
        List<Reading> energies = new CopyOnWriteArrayList<>();
        level.observe(levels::add);
        energy.observe(energies::add);
        dimmer.setLevel(40);
        dimmer.setLevel(40);
        dimmer.setLevel(60);
        assertThat(levels).extracting(Reading::number).containsExactly(40.0, 60.0);
        assertThat(energies).isEmpty();
        assertThat(energy.read().number()).isEqualTo(12.35);
        level.deactivate();
        dimmer.setLevel(10);
        assertThat(levels).hasSize(2);
    }

    @Test
    void aWrittenLevelGoesThroughTheDimmer() throws Exception {
        RecordingLuminaire luminaire = new RecordingLuminaire();
        Dimmer dimmer = dimmer(luminaire, ManualTime.atLocal("2026-12-21T23:00", AMSTERDAM), Map.of());
        new LevelPoint(dimmer).write(Reading.of(25, Instant.EPOCH));
        assertThat(dimmer.status().level()).isEqualTo(25);
        assertThat(dimmer.status().powerWatts()).isEqualTo(15);
    }

    @Test
    void aMalformedProfileStepIsRefusedNamingIt() {
        assertThatThrownBy(() -> NightProfile.parse(new String[] { "22:00=50", "25:00=10", "05:00=x" }))
                .hasMessageContaining("'25:00=10'").hasMessageContaining("'05:00=x'");
        assertThatThrownBy(() -> NightProfile.parse(new String[] { "22:00=150" })).hasMessageContaining("0-100");
    }

    /** Another vendor's counting capability, as far as the dimmer can tell. */
    static final class FakeCounting implements TrafficCounting {
        final List<Consumer<TrafficStatus>> listeners = new CopyOnWriteArrayList<>();
        TrafficStatus status = new TrafficStatus(Instant.EPOCH, 0, 0, 0, 0);

        void report(Instant when, int present) {
            status = new TrafficStatus(when, present, 0, 0, 0);
            listeners.forEach(l -> l.accept(status));
        }

        @Override
        public TrafficStatus status() {
            return status;
        }

        @Override
        public Subscription onChange(Consumer<TrafficStatus> listener) {
            listeners.add(listener);
            return () -> listeners.remove(listener);
        }
    }
}
