package org.lampyris.hal.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.lampyris.hal.Subscription;
import org.lampyris.hal.ev.EvSupplyEquipment;
import org.lampyris.hal.ev.EvseInfo;
import org.lampyris.hal.ev.EvseState;
import org.lampyris.hal.ev.EvseStatus;

/**
 * What every {@link EvSupplyEquipment} must do, the simulator's and every driver's alike: limits within IEC 61851,
 * the control-pilot state of what is plugged in, an offer outside the limits refused and changing nothing, an offer
 * and a connector lock read back, nothing flowing outside states C and D, a meter that never runs backwards, a device
 * that cannot be reached reported in state F rather than as its last state, listeners told on a driver thread, and
 * nothing left running once the driver is released.
 * <p>
 * A driver's test extends this class and says how to make a charge point in a {@link Situation}
 * ({@link #newEquipment}), how to release it ({@link #release}) and how to let time pass ({@link #letTimePass}). A
 * driver of real hardware also says how long a write takes to show ({@link #settleTime}) and how to make the device
 * unreachable and reachable again ({@link #makeUnreachable}, {@link #makeReachable}); an implementation that is always
 * reachable, such as the simulator, skips those tests.
 */
public abstract class EvSupplyEquipmentContract {
    /** How often the suite looks at the charge point while it waits. */
    protected static final Duration STEP = Duration.ofMillis(20);

    /** What is at the socket when a test starts. */
    public enum Situation {
        /** Nothing plugged in: state A. */
        NO_VEHICLE,
        /** A vehicle plugged in that has not been offered any current: state B. */
        VEHICLE_CONNECTED,
        /** The equipment itself has a fault: state F. */
        FAULT
    }

    private final List<EvSupplyEquipment> made = new ArrayList<>();

    /**
     * Makes a charge point for one test: reachable, offering 0 A, its connector unlocked, in the given situation.
     * The suite releases it after the test.
     */
    protected abstract EvSupplyEquipment newEquipment(Situation situation) throws Exception;

    /** Releases a charge point as its component's deactivation does: its threads end and its listeners hear no more. */
    protected abstract void release(EvSupplyEquipment equipment) throws Exception;

    /** Lets a span of post time pass: the simulator advances its manual clock, a real device's driver waits. */
    protected abstract void letTimePass(Duration span) throws Exception;

    /** @return how long a write or a change of the device may take to show: zero for the simulator */
    protected Duration settleTime() {
        return Duration.ZERO;
    }

    /**
     * @return how long a check that nothing changes (a refused value written nonetheless, a released or unreachable
     *     device still notifying) watches: by default {@link #settleTime()}, which is generous because a wait for a
     *     change ends early; a driver that polls may give a few poll periods, as nothing it does waits longer
     */
    protected Duration quietTime() {
        return settleTime();
    }

    /** Makes the device stop answering; the default skips the test (the simulator is always reachable). */
    protected void makeUnreachable(EvSupplyEquipment equipment) throws Exception {
        Assumptions.abort("this charge point is always reachable");
    }

    /** Makes the device answer again after {@link #makeUnreachable}. */
    protected void makeReachable(EvSupplyEquipment equipment) throws Exception {
        Assumptions.abort("this charge point is always reachable");
    }

    @AfterEach
    void releaseEverythingMade() throws Exception {
        for (EvSupplyEquipment e : made) {
            release(e);
        }
        made.clear();
    }

    /** @return a charge point that the suite releases after the test */
    protected final EvSupplyEquipment equipment(Situation situation) throws Exception {
        EvSupplyEquipment e = newEquipment(situation);
        assertNotNull(e, "newEquipment made no charge point");
        made.add(e);
        return e;
    }

    @Test
    void itsLimitsAreWithinIec61851() throws Exception {
        EvseInfo info = equipment(Situation.NO_VEHICLE).info();
        assertNotNull(info, "info()");
        assertTrue(info.minCurrentAmps() >= 6, "IEC 61851 offers no less than 6 A: " + info);
        assertTrue(info.maxCurrentAmps() >= info.minCurrentAmps() && info.maxCurrentAmps() <= 32,
                "the largest offer is between the smallest and 32 A: " + info);
        assertTrue(info.phases() == 1 || info.phases() == 3, "1 or 3 phases: " + info);
        assertTrue(info.voltage() > 0 && Double.isFinite(info.voltage()), "a phase voltage: " + info);
    }

    @Test
    void withNothingPluggedInItIsInStateAAndNothingFlows() throws Exception {
        EvSupplyEquipment e = equipment(Situation.NO_VEHICLE);
        EvseStatus s = awaitStatus(e, "state A", st -> st.state() == EvseState.A);
        assertNotNull(s.time(), "the status says when it was taken");
        assertEquals(0, s.offeredCurrentAmps(), "a new charge point offers nothing: " + s);
        assertFalse(s.connectorLocked(), "a new charge point's connector is unlocked: " + s);
        assertNothingFlows(s);
    }

    @Test
    void aVehicleOfferedNoCurrentIsInStateBAndDrawsNothing() throws Exception {
        EvSupplyEquipment e = equipment(Situation.VEHICLE_CONNECTED);
        EvseStatus s = awaitStatus(e, "state B", st -> st.state() == EvseState.B);
        assertNothingFlows(s);
    }

    @Test
    void aFaultyEquipmentIsInStateFAndNothingFlowsWhateverIsOffered() throws Exception {
        EvSupplyEquipment e = equipment(Situation.FAULT);
        awaitStatus(e, "state F", st -> st.state() == EvseState.F);
        e.setMaxCurrent(e.info().maxCurrentAmps());
        letTimePass(quietTime().plus(STEP));
        EvseStatus s = e.status();
        assertTrue(s.state().isError(), "still in error after an offer: " + s);
        assertNothingFlows(s);
    }

    @Test
    void anOfferIsReportedAsSoonAsSetMaxCurrentReturnsAndReadBack() throws Exception {
        EvSupplyEquipment e = equipment(Situation.NO_VEHICLE);
        EvseInfo info = e.info();
        double middle = Math.round((info.minCurrentAmps() + info.maxCurrentAmps()) / 2);
        for (double amps : new double[] { info.minCurrentAmps(), info.maxCurrentAmps(), middle, 0 }) {
            e.setMaxCurrent(amps);
            assertEquals(amps, e.status().offeredCurrentAmps(), "the offer right after setMaxCurrent(" + amps + ")");
            letTimePass(quietTime().plus(STEP));
            assertEquals(amps, e.status().offeredCurrentAmps(), "the offer once written: setMaxCurrent(" + amps + ")");
        }
    }

    @Test
    void anOfferOutsideTheLimitsIsRefusedAndChangesNothing() throws Exception {
        EvSupplyEquipment e = equipment(Situation.NO_VEHICLE);
        EvseInfo info = e.info();
        e.setMaxCurrent(info.minCurrentAmps());
        for (double bad : new double[] { -1, 3, info.minCurrentAmps() - 0.5, info.maxCurrentAmps() + 0.5, 80,
            Double.NaN, Double.POSITIVE_INFINITY }) {
            IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> e.setMaxCurrent(bad),
                    "setMaxCurrent(" + bad + ")");
            assertTrue(String.valueOf(x.getMessage()).contains(String.valueOf(bad)), "the message names the "
                    + "refused current " + bad + ": " + x.getMessage());
        }
        letTimePass(quietTime().plus(STEP));
        assertEquals(info.minCurrentAmps(), e.status().offeredCurrentAmps(), "the offer after refused ones");
    }

    @Test
    void theConnectorLockIsReadBack() throws Exception {
        EvSupplyEquipment e = equipment(Situation.VEHICLE_CONNECTED);
        e.setConnectorLocked(true);
        awaitStatus(e, "the connector locked", EvseStatus::connectorLocked);
        e.setConnectorLocked(false);
        awaitStatus(e, "the connector unlocked", s -> !s.connectorLocked());
    }

    @Test
    void theMeterNeverRunsBackwardsAndNothingIsNegative() throws Exception {
        EvSupplyEquipment e = equipment(Situation.VEHICLE_CONNECTED);
        e.setMaxCurrent(e.info().maxCurrentAmps());
        double last = -1;
        for (int i = 0; i < 20; i++) {
            EvseStatus s = e.status();
            assertTrue(s.energyWattHours() >= last, "the meter ran backwards from " + last + " Wh: " + s);
            assertTrue(s.energyWattHours() >= 0 && s.powerWatts() >= 0 && s.currentAmps() >= 0,
                    "nothing is negative: " + s);
            if (s.state() != EvseState.C && s.state() != EvseState.D) {
                assertNothingFlows(s);
            }
            last = s.energyWattHours();
            letTimePass(STEP.multipliedBy(5));
        }
    }

    @Test
    void listenersHearOfANewOfferOnADriverThreadAndAThrowingOneSilencesNoOther() throws Exception {
        EvSupplyEquipment e = equipment(Situation.NO_VEHICLE);
        BlockingQueue<EvseStatus> heard = new LinkedBlockingQueue<>();
        BlockingQueue<Thread> threads = new LinkedBlockingQueue<>();
        e.onChange(s -> {
            throw new IllegalStateException("a careless plugin");
        });
        e.onChange(s -> {
            threads.add(Thread.currentThread());
            heard.add(s);
        });
        double min = e.info().minCurrentAmps();
        e.setMaxCurrent(min);
        awaitHeard(heard, "an offer of " + min + " A", s -> s.offeredCurrentAmps() == min);
        e.setMaxCurrent(0);
        awaitHeard(heard, "an offer of 0 A", s -> s.offeredCurrentAmps() == 0);
        assertFalse(threads.contains(Thread.currentThread()), "listeners are called on a driver thread, never on "
                + "the caller's");
    }

    @Test
    void aClosedSubscriptionHearsNothingMoreAndClosingTwiceIsHarmless() throws Exception {
        EvSupplyEquipment e = equipment(Situation.NO_VEHICLE);
        BlockingQueue<EvseStatus> closedOnes = new LinkedBlockingQueue<>();
        BlockingQueue<EvseStatus> open = new LinkedBlockingQueue<>();
        Subscription closed = e.onChange(closedOnes::add);
        e.onChange(open::add);
        closed.close();
        closed.close();
        double max = e.info().maxCurrentAmps();
        e.setMaxCurrent(max);
        awaitHeard(open, "an offer of " + max + " A", s -> s.offeredCurrentAmps() == max);
        assertTrue(closedOnes.stream().noneMatch(s -> s.offeredCurrentAmps() == max),
                "a closed subscription heard " + closedOnes);
    }

    @Test
    void releasingItEndsItsThreadsAndItsNotifications() throws Exception {
        Set<Thread> before = ContractSupport.liveThreads();
        EvSupplyEquipment e = newEquipment(Situation.NO_VEHICLE);
        BlockingQueue<EvseStatus> heard = new LinkedBlockingQueue<>();
        e.onChange(heard::add);
        double min = e.info().minCurrentAmps();
        e.setMaxCurrent(min);
        awaitHeard(heard, "an offer of " + min + " A", s -> s.offeredCurrentAmps() == min);
        release(e);
        heard.clear();
        letTimePass(quietTime().plus(STEP.multipliedBy(5)));
        assertTrue(heard.isEmpty(), "a released charge point told " + heard);
        ContractSupport.assertThreadsEnd(before, "the charge point");
    }

    @Test
    void anUnreachableDeviceIsInStateFWithNothingFlowingAndItsLastMeterReading() throws Exception {
        EvSupplyEquipment e = equipment(Situation.VEHICLE_CONNECTED);
        EvseStatus before = awaitStatus(e, "state B", s -> s.state() == EvseState.B);
        makeUnreachable(e);
        EvseStatus s = awaitStatus(e, "state F once it does not answer", st -> st.state() == EvseState.F);
        assertNothingFlows(s);
        assertEquals(before.energyWattHours(), s.energyWattHours(), "the meter keeps its last reading, which a "
                + "session's energy is counted from: " + s);
        double min = e.info().minCurrentAmps();
        assertTimeout(Duration.ofSeconds(1), () -> e.setMaxCurrent(min), "setMaxCurrent of an unreachable device "
                + "returns at once");
        assertTimeout(Duration.ofSeconds(1), e::status, "so does status()");
        makeReachable(e);
        awaitStatus(e, "state B and the offer made meanwhile once it answers again",
                st -> st.state() == EvseState.B && st.offeredCurrentAmps() == min);
    }

    /** Asserts what IEC 61851 says of every state but C and D: no current is drawn and no power flows. */
    protected static void assertNothingFlows(EvseStatus s) {
        assertEquals(0, s.currentAmps(), "no current outside states C and D: " + s);
        assertEquals(0, s.powerWatts(), "no power outside states C and D: " + s);
    }

    /** Waits, letting time pass, until the status satisfies the condition: at most {@link #settleTime()} more. */
    protected final EvseStatus awaitStatus(EvSupplyEquipment e, String what, Predicate<EvseStatus> condition)
            throws Exception {
        EvseStatus last = null;
        for (Duration waited = Duration.ZERO;; waited = waited.plus(STEP)) {
            last = e.status();
            assertNotNull(last, "status() never answers null");
            if (condition.test(last)) {
                return last;
            }
            if (waited.compareTo(settleTime()) > 0) {
                fail("waited " + settleTime() + " for " + what + "; the last status was " + last);
            }
            letTimePass(STEP);
        }
    }

    /** Waits for a notification that satisfies the condition, letting time pass (and a driver thread real time). */
    protected final EvseStatus awaitHeard(BlockingQueue<EvseStatus> heard, String what,
            Predicate<EvseStatus> condition) throws Exception {
        long steps = settleTime().dividedBy(STEP) + 250;
        List<EvseStatus> seen = new ArrayList<>();
        for (long i = 0; i <= steps; i++) {
            EvseStatus s = heard.poll(STEP.toMillis(), TimeUnit.MILLISECONDS);
            if (s != null) {
                seen.add(s);
                if (condition.test(s)) {
                    return s;
                }
            } else {
                letTimePass(STEP);
            }
        }
        return fail("no notification of " + what + "; heard " + seen);
    }
}
