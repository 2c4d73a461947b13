package org.lampyris.evcharging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.lampyris.api.point.InvalidValueException;
import org.lampyris.evcharging.SessionStateMachine.Conditions;
import org.lampyris.evcharging.SessionStateMachine.Decision;
import org.lampyris.hal.ev.EvseInfo;
import org.lampyris.hal.ev.EvseState;
import org.lampyris.hal.ev.EvseStatus;

/** The session rules alone: no thread, no equipment, no file. */
class SessionStateMachineTest {
    static final EvseInfo SINGLE_PHASE_32_A = new EvseInfo(6, 32, 1, 230);
    /** No free charging, no operator limit below the equipment's, 7.4 kW supply, the lighting's 150 W reserve. */
    static final Conditions USUAL = new Conditions(false, 32, 7400, 150);
    static final Instant START = Instant.parse("2026-12-21T17:00:00Z");
    static final String CARD = "04A1B2C3";

    final AtomicLong lastId = new AtomicLong();
    final SessionStateMachine machine = new SessionStateMachine(SINGLE_PHASE_32_A, null, lastId::incrementAndGet);

    static EvseStatus status(EvseState state, double meterWattHours) {
        return new EvseStatus(START, state, 0, 0, 0, meterWattHours, false);
    }

    static Instant after(Duration span) {
        return START.plus(span);
    }

    /** A vehicle connected at a meter reading, authorised and offered current: the session that then runs. */
    ChargingSession charging(double meterWattHours) throws InvalidValueException {
        machine.decide(status(EvseState.B, meterWattHours), START, USUAL);
        machine.authorise(CARD, START);
        return machine.decide(null, START, USUAL).running();
    }

    /** A session that ran an hour, from a meter reading of 1000 Wh to 8000 Wh, when the controller stopped. */
    static ChargingSession unfinished() {
        return ChargingSession.start(7, CARD, START, 1000).observed(after(Duration.ofHours(1)), 8000);
    }

    @Test
    void aConnectedVehicleIsOfferedNothingWithoutAnAuthorisation() {
        Decision d = machine.decide(status(EvseState.B, 0), START, USUAL);
        assertThat(d.running()).isNull();
        assertThat(d.offeredAmps()).isZero();
        assertThat(d.connectorLocked()).isFalse();
        assertThat(d.status().state()).isEqualTo("B");
    }

    @Test
    void anAuthorisedSessionStartsAndIsOfferedWhatTheSupplyLeavesAfterTheLighting() throws Exception {
        machine.decide(status(EvseState.B, 1000), START, USUAL);
        ChargingSession started = machine.authorise(CARD, START);
        assertThat(started).extracting(ChargingSession::id, ChargingSession::identifier,
                ChargingSession::energyWattHours).containsExactly(1L, CARD, 0.0);

        Decision d = machine.decide(null, START, USUAL);
        assertThat(d.running()).isEqualTo(started);
        assertThat(d.sessionsChanged()).as("a started session is to be saved").isTrue();
        assertThat(d.connectorLocked()).isTrue();
        // (7400 - 150) / 230 = 31.5 A
        assertThat(d.offeredAmps()).isEqualTo(31.5);
        assertThat(d.status().limitAmps()).isEqualTo(31.5);
        assertThat(machine.decide(null, START, USUAL).sessionsChanged()).as("saved once").isFalse();
    }

    @Test
    void theOfferIsCappedByTheSupplyShareTheOperatorAndTheEquipment() throws Exception {
        charging(0);
        // (7400 - 1500) / 230 = 25.6 A
        assertThat(machine.decide(null, START, new Conditions(false, 32, 7400, 1500)).offeredAmps()).isEqualTo(25.6);
        assertThat(machine.decide(null, START, new Conditions(false, 16, 7400, 1500)).offeredAmps()).isEqualTo(16);
        assertThat(machine.decide(null, START, new Conditions(false, 32, 20_000, 0)).offeredAmps())
                .as("no more than the equipment's maximum").isEqualTo(32);
        Decision starved = machine.decide(null, START, new Conditions(false, 32, 7400, 7000));
        assertThat(starved.offeredAmps()).as("below 6 A the vehicle is paused").isZero();
        assertThat(starved.running()).as("paused, not ended").isNotNull();
        assertThat(starved.connectorLocked()).isTrue();
    }

    @Test
    void unpluggingEndsTheSessionWithTheEnergyAndTheTimeItTook() throws Exception {
        charging(1000);
        Decision charging = machine.decide(status(EvseState.C, 4000), after(Duration.ofHours(1)), USUAL);
        assertThat(charging.running().energyWattHours()).isEqualTo(3000);

        Decision d = machine.decide(status(EvseState.A, 8000), after(Duration.ofHours(2)), USUAL);
        assertThat(d.running()).isNull();
        assertThat(d.offeredAmps()).isZero();
        assertThat(d.connectorLocked()).isFalse();
        assertThat(d.sessionsChanged()).isTrue();
        assertThat(d.ended()).singleElement().satisfies(s -> {
            assertThat(s.reason()).isEqualTo(EndReason.UNPLUGGED);
            assertThat(s.energyWattHours()).isEqualTo(7000);
            assertThat(s.duration()).isEqualTo(Duration.ofHours(2));
        });
        assertThat(machine.decide(null, after(Duration.ofHours(3)), USUAL).ended()).as("told once").isEmpty();
    }

    @Test
    void aStopEndsTheSessionAndFreeChargingWaitsForTheNextVehicle() throws Exception {
        Conditions free = new Conditions(true, 32, 7400, 150);
        Decision connected = machine.decide(status(EvseState.B, 0), START, free);
        assertThat(connected.running()).as("free charging starts at once").isNotNull();
        assertThat(connected.running().identifier()).isNull();

        ChargingSession stopped = machine.stop(after(Duration.ofMinutes(10)));
        assertThat(stopped.reason()).isEqualTo(EndReason.STOPPED);
        Decision d = machine.decide(null, after(Duration.ofMinutes(10)), free);
        assertThat(d.ended()).containsExactly(stopped);
        assertThat(d.running()).as("the stopped vehicle is not charged again").isNull();
        assertThat(d.offeredAmps()).isZero();
        assertThatThrownBy(() -> machine.stop(after(Duration.ofMinutes(11)))).isInstanceOf(
                InvalidValueException.class).hasMessage("no charging session is running");

        machine.decide(status(EvseState.A, 0), after(Duration.ofMinutes(20)), free);
        Decision next = machine.decide(status(EvseState.B, 0), after(Duration.ofMinutes(30)), free);
        assertThat(next.running().id()).as("the next vehicle charges").isEqualTo(2);
    }

    @Test
    void aFaultEndsTheSessionAndNoneStartsUntilItClears() throws Exception {
        charging(0);

        Decision d = machine.decide(status(EvseState.F, 500), after(Duration.ofMinutes(20)), USUAL);
        assertThat(d.ended()).singleElement().extracting(ChargingSession::reason).isEqualTo(EndReason.FAULT);
        assertThat(d.offeredAmps()).isZero();
        assertThat(d.status().state()).isEqualTo("F");
        assertThatThrownBy(() -> machine.authorise(CARD, START)).hasMessageContaining("state F");

        Decision noPower = new SessionStateMachine(SINGLE_PHASE_32_A, null, lastId::incrementAndGet)
                .decide(status(EvseState.E, 0), START, new Conditions(true, 32, 7400, 150));
        assertThat(noPower.running()).as("no free charging in state E either").isNull();
        assertThat(machine.decide(status(EvseState.B, 500), after(Duration.ofMinutes(30)), USUAL).running())
                .as("a new session needs a new authorisation").isNull();
    }

    @Test
    void anAuthorisationIsRefusedWithAReasonWhenNoSessionCanStart() throws Exception {
        machine.decide(status(EvseState.A, 0), START, USUAL);
        assertThatThrownBy(() -> machine.authorise(CARD, START)).hasMessageContaining(
                "no vehicle is connected");
        machine.decide(status(EvseState.B, 0), START, USUAL);
        ChargingSession running = machine.authorise(CARD, START);
        assertThat(machine.authorise(CARD, START)).as("the same identifier answers its session")
                .isEqualTo(running);
        assertThatThrownBy(() -> machine.authorise("NL-TNM-C00122045-K", START)).hasMessageContaining(
                "session 1 is already running");
    }

    @Test
    void aSessionUnfinishedAtARestartResumesIfItsVehicleIsStillThere() {
        SessionStateMachine restarted = new SessionStateMachine(SINGLE_PHASE_32_A, unfinished(), () -> 8);
        Decision d = restarted.decide(status(EvseState.B, 8000), after(Duration.ofHours(2)), USUAL);
        assertThat(d.running().id()).isEqualTo(7);
        assertThat(d.running().energyWattHours()).isEqualTo(7000);
        assertThat(d.offeredAmps()).isEqualTo(31.5);
        assertThat(d.ended()).isEmpty();
    }

    @Test
    void aSessionUnfinishedAtARestartEndsAsInterruptedIfItsVehicleLeftMeanwhile() {
        SessionStateMachine restarted = new SessionStateMachine(SINGLE_PHASE_32_A, unfinished(), () -> 8);
        Decision d = restarted.decide(status(EvseState.A, 9000), after(Duration.ofHours(3)), USUAL);
        assertThat(d.running()).isNull();
        assertThat(d.sessionsChanged()).isTrue();
        assertThat(d.ended()).singleElement().satisfies(s -> {
            assertThat(s.reason()).isEqualTo(EndReason.INTERRUPTED);
            assertThat(s.end()).as("when it was last seen").isEqualTo(after(Duration.ofHours(1)));
            assertThat(s.energyWattHours()).isEqualTo(7000);
        });
    }
}
