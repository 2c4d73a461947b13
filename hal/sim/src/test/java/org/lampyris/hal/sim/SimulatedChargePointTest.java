package org.lampyris.hal.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lampyris.hal.ev.EvseState;
import org.lampyris.hal.ev.EvseStatus;

class SimulatedChargePointTest {
    private final ManualTime time = new ManualTime("2026-11-23T06:00:00Z", "UTC");

    private SimulatedChargePoint chargePoint(Map<String, Object> config) {
        return new SimulatedChargePoint(time, Configs.of(SimulatedChargePoint.Config.class, config));
    }

    @Test
    void withoutAVehicleTheStateIsAAndNothingFlows() {
        SimulatedChargePoint cp = chargePoint(Map.of());
        cp.setMaxCurrent(16);
        time.advance(Duration.ofHours(1));
        EvseStatus s = cp.status();
        assertThat(s.state()).isEqualTo(EvseState.A);
        assertThat(s.powerWatts()).isZero();
        assertThat(s.energyWattHours()).isZero();
    }

    @Test
    void aConnectedVehicleWaitsInBUntilOfferedCurrentThenChargesInC() {
        SimulatedChargePoint cp = chargePoint(Map.of("vehicle_connected", true));
        assertThat(cp.status().state()).isEqualTo(EvseState.B);
        cp.setMaxCurrent(16);
        EvseStatus charging = cp.status();
        assertThat(charging.state()).isEqualTo(EvseState.C);
        assertThat(charging.currentAmps()).isEqualTo(16);
        assertThat(charging.powerWatts()).isEqualTo(16 * 230);
        time.advance(Duration.ofHours(2));
        assertThat(cp.status().energyWattHours()).isEqualTo(2 * 16 * 230, within(1e-6));
        cp.setMaxCurrent(0);
        assertThat(cp.status().state()).isEqualTo(EvseState.B);
    }

    @Test
    void aVehicleStopsDrawingWhenItIsFull() {
        SimulatedChargePoint cp = chargePoint(Map.of("vehicle_connected", true, "phases", 3));
        cp.setMaxCurrent(32);
        time.advance(Duration.ofHours(10));
        EvseStatus s = cp.status();
        assertThat(s.energyWattHours()).isEqualTo(30_000, within(1e-6));
        assertThat(s.state()).isEqualTo(EvseState.B);
    }

    @Test
    void anOfferedCurrentOutsideTheStandardRangeIsRefused() {
        SimulatedChargePoint cp = chargePoint(Map.of("max_current", 16.0));
        assertThatThrownBy(() -> cp.setMaxCurrent(5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("between 6.0 and 16.0");
        assertThatThrownBy(() -> cp.setMaxCurrent(20)).isInstanceOf(IllegalArgumentException.class);
        assertThat(cp.status().offeredCurrentAmps()).isZero();
    }

    @Test
    void aFaultShowsAsStateFAndNothingFlows() {
        SimulatedChargePoint cp = chargePoint(Map.of("fault", true, "vehicle_connected", true));
        cp.setMaxCurrent(16);
        assertThat(cp.status().state()).isEqualTo(EvseState.F);
        assertThat(cp.status().powerWatts()).isZero();
    }

    @Test
    void arrivingVehiclesFollowTheSeed() {
        Map<String, Object> config = Map.of("arrivals_per_day", 12.0, "seed", 3L);
        SimulatedChargePoint a = chargePoint(config);
        a.setMaxCurrent(32);
        ManualTime otherTime = new ManualTime("2026-11-23T06:00:00Z", "UTC");
        SimulatedChargePoint b = new SimulatedChargePoint(otherTime,
                Configs.of(SimulatedChargePoint.Config.class, config));
        b.setMaxCurrent(32);
        for (int minute = 0; minute < 48 * 60; minute += 7) {
            time.advance(Duration.ofMinutes(7));
            otherTime.set(time.now());
            assertThat(a.status().state()).isEqualTo(b.status().state());
        }
        assertThat(a.status().energyWattHours()).isPositive().isEqualTo(b.status().energyWattHours());
        assertThat(time.now()).isAfter(Instant.parse("2026-11-25T05:00:00Z"));
    }
}
