package org.lampyris.hal.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lampyris.hal.Subscription;
import org.lampyris.hal.luminaire.LuminaireState;
import org.lampyris.testkit.ManualTime;

class SimulatedLuminaireTest {
    private final ManualTime time = ManualTime.at("2026-12-21T18:00:00Z", ZoneId.of("Europe/Amsterdam"));
    private final List<SimulatedLuminaire> made = new ArrayList<>();

    private SimulatedLuminaire luminaire(Map<String, Object> config) {
        SimulatedLuminaire l = new SimulatedLuminaire(time, Configs.of(SimulatedLuminaire.Config.class, config));
        made.add(l);
        return l;
    }

    @AfterEach
    void deactivate() {
        made.forEach(SimulatedLuminaire::deactivate);
    }

    /** The driver curve without the meter noise. */
    private static double curve(double rated, double level) {
        return rated * (0.08 + 0.92 * level / 100);
    }

    @Test
    void theLuminaireStartsDark() {
        LuminaireState s = luminaire(Map.of()).state();
        assertThat(s.level()).isZero();
        assertThat(s.targetLevel()).isZero();
        assertThat(s.powerWatts()).isEqualTo(SimulatedLuminaire.STANDBY_WATTS);
    }

    @Test
    void aFadeReachesItsTargetAfterTheFadeTime() {
        SimulatedLuminaire l = luminaire(Map.of());
        l.setLevel(80, Duration.ofSeconds(30));
        assertThat(l.state().level()).isZero();
        assertThat(l.state().targetLevel()).isEqualTo(80);
        time.advance(Duration.ofSeconds(30));
        assertThat(l.state().level()).isEqualTo(80);
        time.advance(Duration.ofHours(1));
        assertThat(l.state().level()).isEqualTo(80);
    }

    @Test
    void theLevelDuringAFadeIsInterpolatedLinearly() {
        SimulatedLuminaire l = luminaire(Map.of());
        l.setLevel(100, Duration.ZERO);
        l.setLevel(50, Duration.ofSeconds(10));
        time.advance(Duration.ofSeconds(5));
        assertThat(l.state().level()).isEqualTo(75);
        time.advance(Duration.ofMillis(2500));
        assertThat(l.state().level()).isEqualTo(62.5);
    }

    @Test
    void aNewFadeStartsFromWhereTheCurrentFadeHasGot() {
        SimulatedLuminaire l = luminaire(Map.of());
        l.setLevel(100, Duration.ofSeconds(10));
        time.advance(Duration.ofSeconds(5));
        l.setLevel(0, Duration.ofSeconds(10));
        assertThat(l.state().level()).isEqualTo(50);
        time.advance(Duration.ofSeconds(5));
        assertThat(l.state().level()).isEqualTo(25);
    }

    @Test
    void powerFollowsTheLedDriverCurveWithinHalfAPercentAndIsStandbyWhenOff() {
        SimulatedLuminaire l = luminaire(Map.of("rated_power", 100.0));
        l.setLevel(100, Duration.ZERO);
        assertThat(l.state().powerWatts()).isCloseTo(100, within(0.5));
        l.setLevel(50, Duration.ZERO);
        assertThat(l.state().powerWatts()).isCloseTo(54, within(54 * 0.005));
        l.setLevel(1, Duration.ZERO);
        assertThat(l.state().powerWatts()).isCloseTo(curve(100, 1), within(curve(100, 1) * 0.005));
        l.setLevel(0, Duration.ZERO);
        assertThat(l.state().powerWatts()).isEqualTo(SimulatedLuminaire.STANDBY_WATTS);
    }

    @Test
    void thePowerNoiseIsTheSameForTheSameSeedAndMomentAndDiffersForAnotherSeed() {
        SimulatedLuminaire a = luminaire(Map.of("seed", 4L));
        SimulatedLuminaire b = luminaire(Map.of("seed", 4L));
        SimulatedLuminaire c = luminaire(Map.of("seed", 5L));
        List<Double> pa = new ArrayList<>();
        List<Double> pb = new ArrayList<>();
        List<Double> pc = new ArrayList<>();
        for (SimulatedLuminaire l : List.of(a, b, c)) {
            l.setLevel(100, Duration.ZERO);
        }
        for (int i = 0; i < 20; i++) {
            time.advance(Duration.ofSeconds(7));
            pa.add(a.state().powerWatts());
            pb.add(b.state().powerWatts());
            pc.add(c.state().powerWatts());
        }
        assertThat(pa).isEqualTo(pb).isNotEqualTo(pc);
        assertThat(pa).allSatisfy(p -> assertThat(p).isCloseTo(60, within(60 * 0.005)));
        assertThat(pa.stream().distinct().count()).as("the meter wanders").isGreaterThan(10);
    }

    @Test
    void sixtyWattsAtFullLevelForOneSimulatedHourIsSixtyWattHours() {
        SimulatedLuminaire l = luminaire(Map.of("rated_power", 60.0));
        l.setLevel(100, Duration.ZERO);
        // Reading the state in between must not change the integral.
        for (int i = 0; i < 60; i++) {
            time.advance(Duration.ofMinutes(1));
            l.state();
        }
        assertThat(l.state().energyWattHours()).isCloseTo(60, within(0.3));
        assertThat(l.state().burningHours()).isCloseTo(1, within(1e-9));
    }

    @Test
    void aFadeToOffIntegratesTheDriverCurveAndThenStandby() {
        SimulatedLuminaire l = luminaire(Map.of("rated_power", 60.0));
        l.setLevel(100, Duration.ZERO);
        l.setLevel(0, Duration.ofHours(1));
        time.advance(Duration.ofHours(2));
        // Over the fade the mean level is 50 %: 60 W * (0.08 + 0.46) for an hour; then an hour of standby.
        assertThat(l.state().energyWattHours()).isCloseTo(curve(60, 50) + SimulatedLuminaire.STANDBY_WATTS,
                within(0.01));
        assertThat(l.state().burningHours()).isCloseTo(1, within(1e-9));
    }

    @Test
    void anUnlitLuminaireDrawsOnlyStandbyEnergyAndBurnsNoHours() {
        SimulatedLuminaire l = luminaire(Map.of());
        time.advance(Duration.ofHours(10));
        assertThat(l.state().energyWattHours()).isCloseTo(10 * SimulatedLuminaire.STANDBY_WATTS, within(1e-9));
        assertThat(l.state().burningHours()).isZero();
    }

    @Test
    void anInvalidLevelIsRejectedWithAMessageNamingItAndChangesNothing() {
        SimulatedLuminaire l = luminaire(Map.of());
        l.setLevel(40, Duration.ZERO);
        assertThatThrownBy(() -> l.setLevel(150, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("150");
        assertThatThrownBy(() -> l.setLevel(-0.5, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-0.5");
        assertThatThrownBy(() -> l.setLevel(Double.NaN, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> l.setLevel(50, Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT-1S");
        assertThat(l.state().targetLevel()).isEqualTo(40);
        assertThat(l.state().level()).isEqualTo(40);
    }

    @Test
    void theSystemFailureLevelIsStoredAndAnInvalidOneRejected() {
        SimulatedLuminaire l = luminaire(Map.of());
        l.setSystemFailureLevel(35);
        assertThat(l.systemFailureLevel()).isEqualTo(35);
        assertThatThrownBy(() -> l.setSystemFailureLevel(101)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("101");
        assertThat(l.systemFailureLevel()).isEqualTo(35);
    }

    @Test
    void aFailedLampGivesNoLightButKeepsItsTargetAndDrawsStandbyPower() {
        SimulatedLuminaire l = luminaire(Map.of("lamp_failure", true));
        l.setLevel(100, Duration.ZERO);
        LuminaireState s = l.state();
        assertThat(s.lampFailure()).isTrue();
        assertThat(s.gearFailure()).isFalse();
        assertThat(s.level()).isZero();
        assertThat(s.targetLevel()).isEqualTo(100);
        assertThat(s.powerWatts()).isCloseTo(SimulatedLuminaire.STANDBY_WATTS, within(0.1));
        time.advance(Duration.ofHours(1));
        assertThat(l.state().burningHours()).isZero();
    }

    @Test
    void aGearFailureDarkensTheLuminaireToo() {
        SimulatedLuminaire l = luminaire(Map.of("gear_failure", true));
        l.setLevel(70, Duration.ZERO);
        assertThat(l.state().gearFailure()).isTrue();
        assertThat(l.state().level()).isZero();
        assertThat(l.state().powerWatts()).isEqualTo(SimulatedLuminaire.STANDBY_WATTS);
    }

    @Test
    void theLampFailsExactlyAfterItsConfiguredBurningHours() {
        SimulatedLuminaire l = luminaire(Map.of("failure_after_hours", 10.0, "rated_power", 60.0));
        l.setLevel(100, Duration.ZERO);
        time.advance(Duration.ofHours(9));
        assertThat(l.state().lampFailure()).isFalse();
        time.advance(Duration.ofHours(3));
        LuminaireState s = l.state();
        assertThat(s.lampFailure()).isTrue();
        assertThat(s.level()).isZero();
        assertThat(s.burningHours()).isEqualTo(10);
        // Ten hours at 60 W, then two of standby: the failure is placed inside the step, not at its end.
        assertThat(s.energyWattHours()).isCloseTo(600 + 2 * SimulatedLuminaire.STANDBY_WATTS, within(1e-6));
    }

    @Test
    void listenersHearOfANewLevelOnTheLuminairesThread() throws InterruptedException {
        SimulatedLuminaire l = luminaire(Map.of());
        BlockingQueue<String> threads = new LinkedBlockingQueue<>();
        BlockingQueue<LuminaireState> heard = new LinkedBlockingQueue<>();
        l.onChange(s -> {
            threads.add(Thread.currentThread().getName());
            heard.add(s);
        });
        l.setLevel(30, Duration.ZERO);
        LuminaireState s;
        do {
            s = heard.poll(5, TimeUnit.SECONDS);
            assertThat(s).as("a notification of the new level").isNotNull();
        } while (s.targetLevel() != 30);
        assertThat(threads.poll()).isEqualTo(SimulatorThread.NAME);
    }

    @Test
    void observersSeeEnergyMoveWithPostTime() throws InterruptedException {
        SimulatedLuminaire l = luminaire(Map.of("rated_power", 60.0));
        l.setLevel(100, Duration.ZERO);
        time.advance(Duration.ofHours(1));
        BlockingQueue<LuminaireState> heard = new LinkedBlockingQueue<>();
        l.onChange(heard::add);
        // The thread's first tick comes at once and finds that an hour of energy has been drawn.
        LuminaireState s = heard.poll(5, TimeUnit.SECONDS);
        assertThat(s).isNotNull();
        assertThat(s.energyWattHours()).isCloseTo(60, within(0.3));
    }

    @Test
    void aListenerThatThrowsSilencesNeitherTheOthersNorTheThread() throws InterruptedException {
        SimulatedLuminaire l = luminaire(Map.of());
        BlockingQueue<LuminaireState> heard = new LinkedBlockingQueue<>();
        l.onChange(s -> {
            throw new IllegalStateException("a careless plugin");
        });
        l.onChange(heard::add);
        l.setLevel(20, Duration.ZERO);
        l.setLevel(60, Duration.ZERO);
        assertThat(heard.poll(5, TimeUnit.SECONDS)).isNotNull();
        LuminaireState last;
        do {
            last = heard.poll(5, TimeUnit.SECONDS);
            assertThat(last).isNotNull();
        } while (last.targetLevel() != 60);
        assertThat(l.ticking()).isTrue();
    }

    @Test
    void theListenerThreadRunsOnlyWhileSomeoneListens() {
        SimulatedLuminaire l = luminaire(Map.of());
        assertThat(l.ticking()).isFalse();
        Subscription first = l.onChange(s -> { });
        Subscription second = l.onChange(s -> { });
        assertThat(l.ticking()).isTrue();
        first.close();
        first.close();
        assertThat(l.ticking()).as("one listener is left").isTrue();
        second.close();
        assertThat(l.ticking()).isFalse();
        l.onChange(s -> { });
        l.deactivate();
        assertThat(l.ticking()).isFalse();
    }
}
