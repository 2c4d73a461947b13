package org.lampyris.testkit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Waits for something a test expects to happen soon, polling it until a deadline. A wait that runs out fails with an
 * {@link AssertionError} that names what was awaited (and, for a probed value, the last value seen), so a failing
 * test says what did not happen rather than only that it timed out.
 * <p>
 * Polling starts every few milliseconds and slows down to {@link #SLOWEST_POLL}, so that a quick event is seen at
 * once and a slow one does not keep the machine busy.
 */
public final class Await {
    /** How long a wait lasts unless the test says otherwise. */
    public static final Duration PATIENCE = Duration.ofSeconds(10);
    /** The longest pause between two polls. */
    public static final Duration SLOWEST_POLL = Duration.ofMillis(50);
    private static final long FIRST_POLL_NANOS = Duration.ofMillis(2).toNanos();

    private Await() {
    }

    /** Something a test checks; it may throw, and the exception then ends the wait. */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    /** A value a test reads; it may throw, and the exception then ends the wait. */
    @FunctionalInterface
    public interface Probe<T> {
        T read() throws Exception;
    }

    /**
     * Waits until the condition holds, for at most {@link #PATIENCE}.
     *
     * @param what what is awaited, as the end of "waiting until ...", e.g. {@code "the lamp is at 30 %"}
     */
    public static void until(String what, Condition condition) throws Exception {
        until(what, PATIENCE, condition);
    }

    /** Waits until the condition holds, for at most {@code within}. */
    public static void until(String what, Duration within, Condition condition) throws Exception {
        if (!holdsWithin(within, condition)) {
            throw new AssertionError("waited " + seconds(within) + " in vain until " + what);
        }
    }

    /**
     * Reads a value until it is accepted, for at most {@code within}.
     *
     * @return the first value read that was accepted
     */
    public static <T> T until(String what, Duration within, Probe<T> probe, Predicate<? super T> accepted)
            throws Exception {
        Object[] last = { null };
        boolean seen = holdsWithin(within, () -> {
            last[0] = probe.read();
            return accepted.test(probe(last));
        });
        if (!seen) {
            throw new AssertionError("waited " + seconds(within) + " in vain until " + what + "; last seen: "
                    + last[0]);
        }
        return probe(last);
    }

    @SuppressWarnings("unchecked")
    private static <T> T probe(Object[] last) {
        return (T) last[0];
    }

    /**
     * Polls the condition until it holds or the time is up, without failing: for a test that goes on either way and
     * reports what it saw.
     *
     * @return whether the condition held within the time
     */
    public static boolean holdsWithin(Duration within, Condition condition) throws Exception {
        return poll(within, null, condition);
    }

    /**
     * Like {@link #holdsWithin(Duration, Condition)}, polling at a fixed interval: for a state that lasts only
     * moments, such as a step of an update that a test wants to interrupt.
     */
    public static boolean holdsWithin(Duration within, Duration every, Condition condition) throws Exception {
        return poll(within, every, condition);
    }

    private static boolean poll(Duration within, Duration every, Condition condition) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        long pause = every == null ? FIRST_POLL_NANOS : every.toNanos();
        while (!condition.holds()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.sleep(Math.min(pause, left));
            if (every == null) {
                pause = Math.min(pause * 2, SLOWEST_POLL.toNanos());
            }
        }
        return true;
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
