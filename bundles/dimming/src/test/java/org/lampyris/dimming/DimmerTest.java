package org.lampyris.dimming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.annotation.Annotation;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.lampyris.api.lighting.LightingStatus;
import org.lampyris.api.point.InvalidValueException;
import org.lampyris.api.point.Reading;
import org.lampyris.hal.Subscription;
import org.lampyris.hal.TimeSource;
import org.lampyris.hal.luminaire.Luminaire;
import org.lampyris.hal.luminaire.LuminaireInfo;
import org.lampyris.hal.luminaire.LuminaireState;

class DimmerTest {
    private static final Instant T = Instant.parse("2026-12-21T20:00:00Z");

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
            return new LuminaireState(T, level, level, level * 0.6, 12.345, false, false, 1);
        }

        @Override
        public void setSystemFailureLevel(double percent) {
        }

        @Override
        public double systemFailureLevel() {
            return 100;
        }

        @Override
        public Subscription onChange(Consumer<LuminaireState> listener) {
            listeners.add(listener);
            return () -> listeners.remove(listener);
        }
    }

    static final TimeSource TIME = new TimeSource() {
        @Override
        public Instant now() {
            return T;
        }

        @Override
        public ZoneId zone() {
            return ZoneId.of("UTC");
        }

        @Override
        public double speed() {
            return 1;
        }
    };

    static DimmingConfig config(double initial, long fade) {
        return new DimmingConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return DimmingConfig.class;
            }

            @Override
            public double initial_level() {
                return initial;
            }

            @Override
            public long fade_ms() {
                return fade;
            }
        };
    }

    @Test
    void theDimmerTakesTheLightToItsInitialLevelAtOnceWhenItStarts() {
        RecordingLuminaire luminaire = new RecordingLuminaire();
        new Dimmer(luminaire, TIME, config(80, 500));
        assertThat(luminaire.calls).containsExactly("80.0@0");
    }

    @Test
    void anOperatorsLevelFadesOverTheConfiguredTime() throws InvalidValueException {
        RecordingLuminaire luminaire = new RecordingLuminaire();
        Dimmer dimmer = new Dimmer(luminaire, TIME, config(100, 500));
        dimmer.setLevel(30);
        assertThat(luminaire.calls).last().isEqualTo("30.0@500");
        assertThat(dimmer.status().level()).isEqualTo(30);
        assertThat(dimmer.status().powerWatts()).isEqualTo(18);
    }

    @Test
    void aLevelOutsideZeroToHundredIsRefusedWithAReasonAndNotApplied() {
        RecordingLuminaire luminaire = new RecordingLuminaire();
        Dimmer dimmer = new Dimmer(luminaire, TIME, config(100, 0));
        assertThatThrownBy(() -> dimmer.setLevel(150)).isInstanceOf(InvalidValueException.class)
                .hasMessage("level must be between 0 and 100 %, got 150");
        assertThatThrownBy(() -> dimmer.setLevel(-0.5)).hasMessageContaining("-0.5");
        assertThatThrownBy(() -> dimmer.setLevel(Double.NaN)).isInstanceOf(InvalidValueException.class);
        assertThat(luminaire.calls).containsExactly("100.0@0");
    }

    @Test
    void thePointsTellObserversOnlyWhenTheirOwnValueChanges() throws InvalidValueException {
        RecordingLuminaire luminaire = new RecordingLuminaire();
        Dimmer dimmer = new Dimmer(luminaire, TIME, config(100, 0));
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
        Dimmer dimmer = new Dimmer(luminaire, TIME, config(100, 0));
        new LevelPoint(dimmer).write(Reading.of(25, T));
        LightingStatus status = dimmer.status();
        assertThat(status.level()).isEqualTo(25);
    }
}
