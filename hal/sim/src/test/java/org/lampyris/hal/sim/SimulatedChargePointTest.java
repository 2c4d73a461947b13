package org.lampyris.hal.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

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
import org.lampyris.hal.ev.EvseState;
import org.lampyris.hal.ev.EvseStatus;
import org.lampyris.testkit.ManualTime;

class SimulatedChargePointTest {
    private final ManualTime time = ManualTime.at("2026-11-23T06:00:00Z");
    private final List<SimulatedChargePoint> made = new ArrayList<>();

    private SimulatedChargePoint chargePoint(Map<String, Object> config) {
        return chargePoint(time, config);
    }

    private SimulatedChargePoint chargePoint(ManualTime clock, Map<String, Object> config) {
        SimulatedChargePoint cp = new SimulatedChargePoint(clock,
                Configs.of(SimulatedChargePoint.Config.class, config));
        made.add(cp);
        return cp;
    }

    @AfterEach
    void deactivate() {
        made.forEach(SimulatedChargePoint::deactivate);
    }

    /** Steps post time a minute at a time until the state changes; fails after a day. */
    private EvseStatus untilStateChanges(SimulatedChargePoint cp) {
        EvseState from = cp.status().state();
        for (int minute = 0; minute < 24 * 60; minute++) {
            time.advance(Duration.ofMinutes(1));
            EvseStatus s = cp.status();
            if (s.state() != from) {
                return s;
            }
        }
        throw new AssertionError("state stayed " + from + " for a day");
    }

    @Test
    void withoutAVehicleTheStateIsAAndNothingFlows() {
        SimulatedChargePoint cp = chargePoint(Map.of());
        cp.setMaxCurrent(16);
        time.advance(Duration.ofHours(1));
        EvseStatus s = cp.status();
        assertThat(s.state()).isEqualTo(EvseState.A);
        assertThat(s.offeredCurrentAmps()).isEqualTo(16);
        assertThat(s.currentAmps()).isZero();
        assertThat(s.powerWatts()).isZero();
        assertThat(s.energyWattHours()).isZero();
    }

    @Test
    void aConnectedVehicleWaitsInBUntilCurrentIsOfferedThenChargesInC() {
        SimulatedChargePoint cp = chargePoint(Map.of("vehicle_connected", true));
        assertThat(cp.status().state()).isEqualTo(EvseState.B);
        cp.setMaxCurrent(16);
        EvseStatus charging = cp.status();
        assertThat(charging.state()).isEqualTo(EvseState.C);
        assertThat(charging.currentAmps()).isEqualTo(16);
        cp.setMaxCurrent(0);
        assertThat(cp.status().state()).isEqualTo(EvseState.B);
        assertThat(cp.status().currentAmps()).isZero();
    }

    @Test
    void anArrivingVehicleGoesFromAThroughBToCAndLeavesBackToA() {
        SimulatedChargePoint cp = chargePoint(Map.of("arrivals_per_day", 6.0, "seed", 2L));
        assertThat(cp.status().state()).isEqualTo(EvseState.A);
        EvseStatus arrived = untilStateChanges(cp);
        assertThat(arrived.state()).as("connected, nothing offered yet").isEqualTo(EvseState.B);
        cp.setMaxCurrent(10);
        assertThat(cp.status().state()).isEqualTo(EvseState.C);
        Instant charging = time.now();
        EvseStatus next = untilStateChanges(cp);
        if (next.state() == EvseState.B) {
            // Full before its time was up: it stays plugged in until it leaves.
            next = untilStateChanges(cp);
        }
        assertThat(next.state()).isEqualTo(EvseState.A);
        assertThat(Duration.between(charging, time.now())).isLessThanOrEqualTo(Duration.ofMinutes(241));
        assertThat(next.energyWattHours()).isPositive().isLessThanOrEqualTo(40_000);
    }

    @Test
    void theDrawnCurrentIsTheOfferedLimitAndPowerIsCurrentTimesVoltageTimesPhases() {
        SimulatedChargePoint cp = chargePoint(Map.of("vehicle_connected", true, "phases", 3, "voltage", 230.0));
        cp.setMaxCurrent(10);
        EvseStatus s = cp.status();
        assertThat(s.currentAmps()).isEqualTo(10);
        assertThat(s.powerWatts()).isEqualTo(10 * 230 * 3);
        cp.setMaxCurrent(32);
        assertThat(cp.status().currentAmps()).as("the vehicle's own maximum")
                .isEqualTo(SimulatedChargePoint.VEHICLE_MAX_CURRENT);
        assertThat(cp.status().powerWatts()).isEqualTo(32 * 230 * 3);
    }

    @Test
    void theMeterIntegratesPowerOverPostTime() {
        SimulatedChargePoint cp = chargePoint(Map.of("vehicle_connected", true));
        cp.setMaxCurrent(16);
        time.advance(Duration.ofMinutes(30));
        cp.setMaxCurrent(8);
        time.advance(Duration.ofMinutes(90));
        assertThat(cp.status().energyWattHours()).isCloseTo(16 * 230 * 0.5 + 8 * 230 * 1.5, within(1e-6));
    }

    @Test
    void aFullVehicleStopsDrawingAndShowsB() {
        SimulatedChargePoint cp = chargePoint(Map.of("vehicle_connected", true, "phases", 3));
        cp.setMaxCurrent(32);
        time.advance(Duration.ofHours(10));
        EvseStatus s = cp.status();
        assertThat(s.energyWattHours()).isCloseTo(SimulatedChargePoint.CONNECTED_VEHICLE_WATT_HOURS, within(1e-6));
        assertThat(s.state()).isEqualTo(EvseState.B);
        assertThat(s.powerWatts()).isZero();
    }

    @Test
    void anOfferOtherThanZeroOrSixToTheMaximumIsRefused() {
        SimulatedChargePoint cp = chargePoint(Map.of("max_current", 16.0));
        assertThatThrownBy(() -> cp.setMaxCurrent(5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("between 6.0 and 16.0").hasMessageContaining("5.0");
        assertThatThrownBy(() -> cp.setMaxCurrent(16.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16.5");
        assertThatThrownBy(() -> cp.setMaxCurrent(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cp.setMaxCurrent(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThat(cp.status().offeredCurrentAmps()).isZero();
        cp.setMaxCurrent(6);
        cp.setMaxCurrent(16);
        cp.setMaxCurrent(0);
        assertThat(cp.info().maxCurrentAmps()).isEqualTo(16);
    }

    @Test
    void aFaultShowsAsStateFAndNothingFlows() {
        SimulatedChargePoint cp = chargePoint(Map.of("fault", true, "vehicle_connected", true));
        cp.setMaxCurrent(16);
        time.advance(Duration.ofHours(1));
        assertThat(cp.status().state()).isEqualTo(EvseState.F);
        assertThat(cp.status().powerWatts()).isZero();
        assertThat(cp.status().energyWattHours()).isZero();
    }

    @Test
    void theConnectorLockIsReportedAndReleasedWhenTheVehicleLeaves() {
        SimulatedChargePoint cp = chargePoint(Map.of("arrivals_per_day", 6.0, "seed", 2L));
        untilStateChanges(cp);
        cp.setConnectorLocked(true);
        assertThat(cp.status().connectorLocked()).isTrue();
        while (cp.status().state() != EvseState.A) {
            untilStateChanges(cp);
        }
        assertThat(cp.status().connectorLocked()).isFalse();
    }

    @Test
    void arrivingVehiclesFollowTheSeed() {
        ManualTime otherTime = ManualTime.at("2026-11-23T06:00:00Z");
        ManualTime thirdTime = ManualTime.at("2026-11-23T06:00:00Z");
        SimulatedChargePoint a = chargePoint(Map.of("arrivals_per_day", 12.0, "seed", 3L));
        SimulatedChargePoint b = chargePoint(otherTime, Map.of("arrivals_per_day", 12.0, "seed", 3L));
        SimulatedChargePoint c = chargePoint(thirdTime, Map.of("arrivals_per_day", 12.0, "seed", 4L));
        for (SimulatedChargePoint cp : List.of(a, b, c)) {
            cp.setMaxCurrent(32);
        }
        List<EvseState> statesA = new ArrayList<>();
        List<EvseState> statesC = new ArrayList<>();
        for (int minute = 0; minute < 48 * 60; minute += 7) {
            time.advance(Duration.ofMinutes(7));
            otherTime.set(time.now());
            thirdTime.set(time.now());
            statesA.add(a.status().state());
            statesC.add(c.status().state());
            assertThat(a.status()).isEqualTo(b.status());
        }
        assertThat(a.status().energyWattHours()).isPositive();
        assertThat(statesA).contains(EvseState.A, EvseState.C).isNotEqualTo(statesC);
    }

    @Test
    void listenersHearOfANewOfferAndTheThreadRunsOnlyWhileTheyListen() throws InterruptedException {
        SimulatedChargePoint cp = chargePoint(Map.of("vehicle_connected", true));
        assertThat(cp.ticking()).isFalse();
        BlockingQueue<EvseStatus> heard = new LinkedBlockingQueue<>();
        Subscription subscription = cp.onChange(heard::add);
        assertThat(cp.ticking()).isTrue();
        cp.setMaxCurrent(20);
        EvseStatus s;
        do {
            s = heard.poll(5, TimeUnit.SECONDS);
            assertThat(s).isNotNull();
        } while (s.state() != EvseState.C);
        assertThat(s.offeredCurrentAmps()).isEqualTo(20);
        subscription.close();
        assertThat(cp.ticking()).isFalse();
    }
}
