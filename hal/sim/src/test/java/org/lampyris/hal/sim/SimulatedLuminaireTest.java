package org.lampyris.hal.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lampyris.hal.luminaire.LuminaireState;

class SimulatedLuminaireTest {
    private final ManualTime time = new ManualTime("2026-12-21T18:00:00Z", "Europe/Amsterdam");
    private SimulatedLuminaire luminaire;

    private SimulatedLuminaire luminaire(Map<String, Object> config) {
        luminaire = new SimulatedLuminaire(time, Configs.of(SimulatedLuminaire.Config.class, config));
        return luminaire;
    }

    @AfterEach
    void tearDown() {
        if (luminaire != null) {
            luminaire.deactivate();
        }
    }

    @Test
    void aFadeMovesTheLevelLinearlyAndReachesItsTargetAfterTheFadeTime() {
        SimulatedLuminaire l = luminaire(Map.of());
        l.setLevel(100, Duration.ZERO);
        l.setLevel(50, Duration.ofSeconds(10));
        assertThat(l.state().targetLevel()).isEqualTo(50);
        time.advance(Duration.ofSeconds(5));
        assertThat(l.state().level()).isEqualTo(75);
        time.advance(Duration.ofSeconds(5));
        assertThat(l.state().level()).isEqualTo(50);
        time.advance(Duration.ofSeconds(60));
        assertThat(l.state().level()).isEqualTo(50);
    }

    @Test
    void powerFollowsTheLevelLikeAnLedDriverAndStandbyWhenOff() {
        SimulatedLuminaire l = luminaire(Map.of("rated_power", 100.0));
        l.setLevel(100, Duration.ZERO);
        assertThat(l.state().powerWatts()).isEqualTo(100, within(1e-9));
        l.setLevel(50, Duration.ZERO);
        assertThat(l.state().powerWatts()).isEqualTo(54, within(1e-9));
        l.setLevel(0, Duration.ZERO);
        assertThat(l.state().powerWatts()).isEqualTo(SimulatedLuminaire.STANDBY_WATTS);
    }

    @Test
    void energyIsPowerIntegratedOverPostTime() {
        SimulatedLuminaire l = luminaire(Map.of("rated_power", 60.0));
        l.setLevel(100, Duration.ZERO);
        time.advance(Duration.ofHours(1));
        assertThat(l.state().energyWattHours()).isEqualTo(60, within(1e-6));
        assertThat(l.state().burningHours()).isEqualTo(1, within(1e-9));
        // A fade from 100 % to 0 % over an hour: power falls linearly from 60 W to 0.08 * 60 W, then standby.
        l.setLevel(0, Duration.ofHours(1));
        time.advance(Duration.ofHours(1));
        double fade = (60 + 0.3) / 2;
        assertThat(l.state().energyWattHours()).isEqualTo(60 + fade, within(0.5));
    }

    @Test
    void anInvalidLevelOrFadeIsRefusedAndChangesNothing() {
        SimulatedLuminaire l = luminaire(Map.of());
        l.setLevel(40, Duration.ZERO);
        assertThatThrownBy(() -> l.setLevel(150, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("150");
        assertThatThrownBy(() -> l.setLevel(Double.NaN, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> l.setLevel(50, Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> l.setSystemFailureLevel(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(l.state().targetLevel()).isEqualTo(40);
    }

    @Test
    void aFailedLampGivesNoLightAndDrawsOnlyStandbyPower() {
        SimulatedLuminaire l = luminaire(Map.of("lamp_failure", true));
        l.setLevel(100, Duration.ZERO);
        LuminaireState s = l.state();
        assertThat(s.lampFailure()).isTrue();
        assertThat(s.level()).isZero();
        assertThat(s.targetLevel()).isEqualTo(100);
        assertThat(s.powerWatts()).isEqualTo(SimulatedLuminaire.STANDBY_WATTS);
    }

    @Test
    void theLampFailsAfterItsConfiguredBurningHours() {
        SimulatedLuminaire l = luminaire(Map.of("failure_after_hours", 10.0));
        l.setLevel(100, Duration.ZERO);
        time.advance(Duration.ofHours(9));
        assertThat(l.state().lampFailure()).isFalse();
        time.advance(Duration.ofHours(2));
        assertThat(l.state().lampFailure()).isTrue();
    }

    @Test
    void listenersHearOfANewLevelAtOnce() {
        SimulatedLuminaire l = luminaire(Map.of());
        List<LuminaireState> heard = new CopyOnWriteArrayList<>();
        l.onChange(heard::add);
        l.setLevel(30, Duration.ZERO);
        assertThat(heard).isNotEmpty();
        assertThat(heard.get(heard.size() - 1).targetLevel()).isEqualTo(30);
    }
}
