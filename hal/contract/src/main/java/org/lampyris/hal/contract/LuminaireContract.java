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
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.lampyris.hal.DeviceUnavailableException;
import org.lampyris.hal.Subscription;
import org.lampyris.hal.luminaire.Luminaire;
import org.lampyris.hal.luminaire.LuminaireInfo;
import org.lampyris.hal.luminaire.LuminaireState;

/**
 * What every {@link Luminaire} must do, the simulator's and every driver's alike: levels outside 0–100 % refused,
 * levels and the system failure level read back, fades that end at their target, failures reported, a device that
 * cannot be reached reported unavailable rather than as its last state, listeners told on a driver thread, and
 * nothing left running once the driver is released.
 * <p>
 * A driver's test extends this class and says how to make a luminaire ({@link #newLuminaire}), how to release it
 * ({@link #release}, what its component's deactivation does) and how to let time pass for it ({@link
 * #letTimePass}: the simulator advances a manual clock, a driver of real hardware waits). A driver of real hardware
 * also says how long a write takes to show in {@link Luminaire#state()} ({@link #settleTime}) and how to make the
 * device unreachable and reachable again ({@link #makeUnreachable}, {@link #makeReachable}); an implementation
 * that is always reachable, such as the simulator, skips those tests.
 * <p>
 * Levels are compared within {@link #LEVEL_RESOLUTION}, the coarsest step a device's level register may have.
 */
public abstract class LuminaireContract {
    /** How far a level read back may be from the level written, in %: a register may hold whole percent. */
    public static final double LEVEL_RESOLUTION = 0.5;
    /** How often the suite looks at the luminaire while it waits. */
    protected static final Duration STEP = Duration.ofMillis(20);

    /** A fault the luminaire can be made with. */
    public enum Fault {
        /** The light source has failed (DALI lamp failure). */
        LAMP_FAILURE,
        /** The control gear reports a fault (DALI control gear failure). */
        GEAR_FAILURE
    }

    private final List<Luminaire> made = new ArrayList<>();

    /**
     * Makes a luminaire for one test: reachable, its {@link Luminaire#state()} answering, its level 0 % and its
     * system failure level 100 %, with the given faults present. The suite releases it after the test.
     */
    protected abstract Luminaire newLuminaire(Set<Fault> faults) throws Exception;

    /** Releases a luminaire as its component's deactivation does: its threads end and its listeners hear no more. */
    protected abstract void release(Luminaire luminaire) throws Exception;

    /**
     * Lets a span of post time pass for the luminaires made: the simulator advances its manual clock, a driver of
     * real hardware waits in real time.
     */
    protected abstract void letTimePass(Duration span) throws Exception;

    /**
     * @return how long a level written may take to show in the state and in notifications: zero for the simulator,
     *     for a driver of real hardware a few poll periods and a timeout
     */
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

    /**
     * Makes the device behind the luminaire stop answering (its gateway leaves the network). The default skips the
     * test: an implementation that cannot be unreachable, such as the simulator, has nothing to prove.
     */
    protected void makeUnreachable(Luminaire luminaire) throws Exception {
        Assumptions.abort("this luminaire is always reachable");
    }

    /** Makes the device answer again after {@link #makeUnreachable}. */
    protected void makeReachable(Luminaire luminaire) throws Exception {
        Assumptions.abort("this luminaire is always reachable");
    }

    /** Releases what the test made; a driver's own {@code @AfterEach} runs before this one. */
    @AfterEach
    void releaseEverythingMade() throws Exception {
        for (Luminaire l : made) {
            release(l);
        }
        made.clear();
    }

    /** @return a luminaire that the suite releases after the test */
    protected final Luminaire luminaire(Fault... faults) throws Exception {
        Luminaire l = newLuminaire(faults.length == 0 ? EnumSet.noneOf(Fault.class) : EnumSet.of(faults[0], faults));
        assertNotNull(l, "newLuminaire made no luminaire");
        made.add(l);
        return l;
    }

    @Test
    void itSaysWhatItIsWithARatedPower() throws Exception {
        LuminaireInfo info = luminaire().info();
        assertNotNull(info, "info()");
        assertFalse(info.vendor() == null || info.vendor().isBlank(), "the vendor is named: " + info);
        assertFalse(info.model() == null || info.model().isBlank(), "the model is named: " + info);
        assertTrue(info.ratedPowerWatts() > 0 && Double.isFinite(info.ratedPowerWatts()),
                "the rated power is a positive number of watts: " + info);
    }

    @Test
    void aNewLuminaireIsDarkAndReportsNoFailure() throws Exception {
        LuminaireState s = luminaire().state();
        assertEquals(0, s.level(), LEVEL_RESOLUTION, "level of " + s);
        assertEquals(0, s.targetLevel(), LEVEL_RESOLUTION, "target level of " + s);
        assertFalse(s.lampFailure(), "lamp failure in " + s);
        assertFalse(s.gearFailure(), "gear failure in " + s);
        assertTrue(s.powerWatts() >= 0 && s.energyWattHours() >= 0 && s.burningHours() >= 0,
                "power, energy and burning hours are never negative: " + s);
        assertNotNull(s.time(), "the state says when it was taken");
    }

    @Test
    void aLevelSetWithoutFadeIsReachedAndReadBack() throws Exception {
        Luminaire l = luminaire();
        for (double level : new double[] { 100, 37, 0, 1 }) {
            l.setLevel(level, Duration.ZERO);
            awaitState(l, Duration.ZERO, "level and target " + level + " %",
                    s -> near(s.level(), level) && near(s.targetLevel(), level));
        }
    }

    @Test
    void theNewTargetIsReportedAsSoonAsSetLevelReturnsAndStays() throws Exception {
        Luminaire l = luminaire();
        l.setLevel(60, Duration.ofSeconds(30));
        // Never the old target, not even for one poll: a plugin that reads back what it just asked must see it. A
        // driver's window between writing and reading again is short, so it is watched without pause for a while.
        long watchUntil = System.nanoTime() + Math.min(settleTime().toNanos(), Duration.ofSeconds(1).toNanos());
        while (System.nanoTime() < watchUntil) {
            LuminaireState s = l.state();
            assertEquals(60, s.targetLevel(), LEVEL_RESOLUTION, "the target right after setLevel(60, 30 s): " + s);
        }
        for (Duration waited = Duration.ZERO; waited.compareTo(settleTime().plus(STEP.multipliedBy(10))) <= 0;
                waited = waited.plus(STEP)) {
            LuminaireState s = l.state();
            assertEquals(60, s.targetLevel(), LEVEL_RESOLUTION, "the target " + waited.toMillis()
                    + " ms after setLevel(60, 30 s): " + s);
            letTimePass(STEP);
        }
    }

    @Test
    void aFadeMovesOnlyTowardsItsTargetTakesItsTimeAndEndsThere() throws Exception {
        Luminaire l = luminaire();
        l.setLevel(100, Duration.ZERO);
        awaitState(l, Duration.ZERO, "full light", s -> near(s.level(), 100));
        Duration fade = Duration.ofSeconds(8);
        l.setLevel(20, fade);
        letTimePass(fade.dividedBy(4));
        LuminaireState quarter = l.state();
        assertTrue(quarter.level() > 20 + 10 * LEVEL_RESOLUTION, "a quarter into an 8 s fade from 100 % to 20 % the"
                + " level has not arrived yet: " + quarter);
        awaitState(l, fade, "the end of the fade at 20 %", s -> {
            assertTrue(s.level() >= 20 - LEVEL_RESOLUTION && s.level() <= 100 + LEVEL_RESOLUTION,
                    "during a fade from 100 % to 20 % the level stays between them: " + s);
            assertEquals(20, s.targetLevel(), LEVEL_RESOLUTION, "the target during the fade: " + s);
            return near(s.level(), 20);
        });
    }

    @Test
    void aLevelOutsideZeroToHundredIsRefusedAndChangesNothing() throws Exception {
        Luminaire l = luminaire();
        l.setLevel(40, Duration.ZERO);
        awaitState(l, Duration.ZERO, "40 %", s -> near(s.level(), 40));
        for (double bad : new double[] { -0.5, 100.5, Double.NaN, Double.POSITIVE_INFINITY }) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> l.setLevel(bad, Duration.ZERO), "setLevel(" + bad + ")");
            assertTrue(String.valueOf(e.getMessage()).contains(String.valueOf(bad)), "the message names the "
                    + "refused level " + bad + ": " + e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> l.setLevel(50, Duration.ofSeconds(-1)), "a negative fade");
        assertThrows(NullPointerException.class, () -> l.setLevel(50, null), "no fade at all");
        letTimePass(quietTime().plus(STEP));
        LuminaireState s = l.state();
        assertEquals(40, s.targetLevel(), LEVEL_RESOLUTION, "the target after refused levels: " + s);
        assertEquals(40, s.level(), LEVEL_RESOLUTION, "the level after refused levels: " + s);
    }

    @Test
    void theSystemFailureLevelIsReadBackAndAnInvalidOneRefused() throws Exception {
        Luminaire l = luminaire();
        l.setSystemFailureLevel(35);
        awaitTrue(Duration.ZERO, "the system failure level reads 35 %", () -> near(l.systemFailureLevel(), 35));
        assertThrows(IllegalArgumentException.class, () -> l.setSystemFailureLevel(101), "101 %");
        assertThrows(IllegalArgumentException.class, () -> l.setSystemFailureLevel(Double.NaN), "NaN");
        letTimePass(quietTime().plus(STEP));
        assertEquals(35, l.systemFailureLevel(), LEVEL_RESOLUTION, "after refused system failure levels");
    }

    @Test
    void aFailedLampIsReported() throws Exception {
        Luminaire l = luminaire(Fault.LAMP_FAILURE);
        LuminaireState s = awaitState(l, Duration.ZERO, "a lamp failure", LuminaireState::lampFailure);
        assertFalse(s.gearFailure(), "only the lamp has failed: " + s);
    }

    @Test
    void aFailedControlGearIsReported() throws Exception {
        Luminaire l = luminaire(Fault.GEAR_FAILURE);
        LuminaireState s = awaitState(l, Duration.ZERO, "a control gear failure", LuminaireState::gearFailure);
        assertFalse(s.lampFailure(), "only the gear has failed: " + s);
    }

    @Test
    void listenersHearOfANewLevelOnADriverThread() throws Exception {
        Luminaire l = luminaire();
        BlockingQueue<LuminaireState> heard = new LinkedBlockingQueue<>();
        BlockingQueue<Thread> threads = new LinkedBlockingQueue<>();
        l.onChange(s -> {
            threads.add(Thread.currentThread());
            heard.add(s);
        });
        l.setLevel(30, Duration.ZERO);
        awaitHeard(heard, Duration.ZERO, "a notification of 30 %",
                s -> near(s.level(), 30) && near(s.targetLevel(), 30));
        assertFalse(threads.contains(Thread.currentThread()), "listeners are called on a driver thread, never on "
                + "the caller's");
    }

    @Test
    void aListenerThatThrowsSilencesNeitherTheOthersNorLaterNotifications() throws Exception {
        Luminaire l = luminaire();
        BlockingQueue<LuminaireState> heard = new LinkedBlockingQueue<>();
        l.onChange(s -> {
            throw new IllegalStateException("a careless plugin");
        });
        l.onChange(heard::add);
        l.setLevel(20, Duration.ZERO);
        awaitHeard(heard, Duration.ZERO, "20 %", s -> near(s.level(), 20));
        l.setLevel(60, Duration.ZERO);
        awaitHeard(heard, Duration.ZERO, "60 %", s -> near(s.level(), 60));
    }

    @Test
    void aClosedSubscriptionHearsNothingMoreAndClosingTwiceIsHarmless() throws Exception {
        Luminaire l = luminaire();
        BlockingQueue<LuminaireState> closedOnes = new LinkedBlockingQueue<>();
        BlockingQueue<LuminaireState> open = new LinkedBlockingQueue<>();
        Subscription closed = l.onChange(closedOnes::add);
        l.onChange(open::add);
        closed.close();
        closed.close();
        l.setLevel(70, Duration.ZERO);
        awaitHeard(open, Duration.ZERO, "70 %", s -> near(s.level(), 70));
        l.setLevel(71, Duration.ZERO);
        awaitHeard(open, Duration.ZERO, "71 %", s -> near(s.level(), 71));
        assertTrue(closedOnes.stream().noneMatch(s -> s.targetLevel() >= 70),
                "a closed subscription heard " + closedOnes);
    }

    @Test
    void releasingItEndsItsThreadsAndItsNotifications() throws Exception {
        Set<Thread> before = liveThreads();
        Luminaire l = newLuminaire(EnumSet.noneOf(Fault.class));
        BlockingQueue<LuminaireState> heard = new LinkedBlockingQueue<>();
        l.onChange(heard::add);
        l.setLevel(10, Duration.ZERO);
        awaitHeard(heard, Duration.ZERO, "10 %", s -> near(s.level(), 10));
        release(l);
        heard.clear();
        letTimePass(quietTime().plus(STEP.multipliedBy(5)));
        assertTrue(heard.isEmpty(), "a released luminaire told " + heard);
        // Real time: a thread ends when it ends, whatever the post clock says.
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Set<Thread> left = liveThreads();
        left.removeAll(before);
        while (!left.isEmpty() && System.nanoTime() < end) {
            Thread.sleep(STEP.toMillis());
            left.retainAll(liveThreads());
        }
        assertTrue(left.isEmpty(), "threads the luminaire started are still running 10 s after its release: "
                + left.stream().map(Thread::getName).toList());
    }

    @Test
    void anUnreachableLuminaireIsReportedUnavailableNeverAsItsLastState() throws Exception {
        Luminaire l = luminaire();
        l.setLevel(50, Duration.ZERO);
        awaitState(l, Duration.ZERO, "50 %", s -> near(s.level(), 50));
        makeUnreachable(l);
        DeviceUnavailableException e = awaitUnavailable(l);
        assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "the exception says why");
        for (int i = 0; i < 10; i++) {
            letTimePass(STEP);
            assertThrows(DeviceUnavailableException.class, l::state, "once unavailable, no state until it answers");
        }
    }

    @Test
    void aLevelSetWhileUnreachableIsAppliedWhenItAnswersAgain() throws Exception {
        Luminaire l = luminaire();
        BlockingQueue<LuminaireState> heard = new LinkedBlockingQueue<>();
        l.onChange(heard::add);
        makeUnreachable(l);
        awaitUnavailable(l);
        heard.clear();
        assertTimeout(Duration.ofSeconds(1), () -> l.setLevel(80, Duration.ZERO), "setLevel of an unreachable "
                + "luminaire returns at once");
        assertTimeout(Duration.ofSeconds(1), () -> l.setSystemFailureLevel(45), "setSystemFailureLevel too");
        letTimePass(quietTime());
        assertTrue(heard.isEmpty(), "listeners hear nothing while it is unreachable: " + heard);
        makeReachable(l);
        awaitState(l, Duration.ZERO, "80 % once it answers again", s -> near(s.level(), 80));
        awaitHeard(heard, Duration.ZERO, "a notification of 80 %", s -> near(s.level(), 80));
        assertEquals(45, l.systemFailureLevel(), LEVEL_RESOLUTION, "the system failure level set meanwhile");
    }

    /** @return whether a level read back is the level written, within {@link #LEVEL_RESOLUTION} */
    protected static boolean near(double actual, double expected) {
        return Math.abs(actual - expected) <= LEVEL_RESOLUTION;
    }

    /**
     * Waits, letting time pass, until the state satisfies the condition: at most {@code within} plus {@link
     * #settleTime()} of post time. A state that cannot be read counts as not yet.
     */
    protected final LuminaireState awaitState(Luminaire l, Duration within, String what,
            Predicate<LuminaireState> condition) throws Exception {
        Duration limit = within.plus(settleTime());
        LuminaireState last = null;
        RuntimeException lastError = null;
        for (Duration waited = Duration.ZERO;; waited = waited.plus(STEP)) {
            try {
                last = l.state();
                lastError = null;
                if (condition.test(last)) {
                    return last;
                }
            } catch (DeviceUnavailableException e) {
                lastError = e;
            }
            if (waited.compareTo(limit) > 0) {
                fail("waited " + limit + " for " + what + "; the last state was " + last
                        + (lastError == null ? "" : ", then: " + lastError));
            }
            letTimePass(STEP);
        }
    }

    /** Waits, letting time pass, until state() throws {@link DeviceUnavailableException}. */
    protected final DeviceUnavailableException awaitUnavailable(Luminaire l) throws Exception {
        LuminaireState last = null;
        for (Duration waited = Duration.ZERO;; waited = waited.plus(STEP)) {
            try {
                last = l.state();
            } catch (DeviceUnavailableException e) {
                return e;
            }
            if (waited.compareTo(settleTime()) > 0) {
                fail("waited " + settleTime() + " for the unreachable luminaire to be reported unavailable; it "
                        + "still reported " + last);
            }
            letTimePass(STEP);
        }
    }

    /** Something the suite waits for. */
    @FunctionalInterface
    protected interface Check {
        boolean holds() throws Exception;
    }

    /** Waits, letting time pass, until the check holds: at most {@code within} plus {@link #settleTime()}. */
    protected final void awaitTrue(Duration within, String what, Check check) throws Exception {
        Duration limit = within.plus(settleTime());
        for (Duration waited = Duration.ZERO; !check.holds(); waited = waited.plus(STEP)) {
            if (waited.compareTo(limit) > 0) {
                fail("waited " + limit + " until " + what);
            }
            letTimePass(STEP);
        }
    }

    /**
     * Waits for a notification that satisfies the condition, letting time pass: listeners run on a driver thread, so
     * the wait also gives that thread real time (a few seconds at most beyond the post time allowed).
     */
    protected final LuminaireState awaitHeard(BlockingQueue<LuminaireState> heard, Duration within, String what,
            Predicate<LuminaireState> condition) throws Exception {
        long steps = within.plus(settleTime()).dividedBy(STEP) + 250;
        List<LuminaireState> seen = new ArrayList<>();
        for (long i = 0; i <= steps; i++) {
            LuminaireState s = heard.poll(STEP.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
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

    private static Set<Thread> liveThreads() {
        return ContractSupport.liveThreads();
    }
}
