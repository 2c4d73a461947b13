package org.lampyris.evcharging;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.lampyris.api.point.InvalidValueException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread on which the {@link Charger} takes every decision, one after the other in the order they were asked
 * for: reports of the equipment, changes of the lighting and of the configuration, poll ticks and clients' requests.
 * Confining the decisions to one thread needs no lock, so the charger calls the equipment and its own listeners
 * holding none.
 * <p>
 * A task asked for from this thread itself (a report the equipment makes while it is being commanded, a listener
 * that asks for something) runs at once, nested, as a call would: it cannot wait for the task under way, which
 * waits for it. The {@link Charger} sees to it that a nested decision does not interleave with the one under way.
 */
final class DecisionThread implements AutoCloseable {
    /** The executor needs a positive period; a very fast simulated clock must not make the poller spin. */
    static final Duration MIN_PERIOD = Duration.ofMillis(1);
    private static final Logger LOG = LoggerFactory.getLogger(DecisionThread.class);

    /** A decision that answers, or refuses with a reason. */
    @FunctionalInterface
    interface Task<T> {
        T call() throws InvalidValueException;
    }

    private final ScheduledExecutorService executor;
    /** The thread that runs a decision now, while it runs one. */
    private volatile Thread thread;
    /** Set by {@link #close}: the platform's scheduler goes on for the bundle, so it cannot say so itself. */
    private volatile boolean closed;
    private volatile Duration wait;

    // Guarded by this.
    private ScheduledFuture<?> repeating;
    private Duration repeatingPeriod;

    /**
     * @param executor runs the decisions one at a time (the component's scheduler of the platform, or
     *            {@link #ownThread}); closed with this
     * @param wait how long {@link #call} waits for a task's result at most
     */
    DecisionThread(ScheduledExecutorService executor, Duration wait) {
        this.wait = wait;
        this.executor = executor;
    }

    /**
     * @param name the thread's name, for thread dumps
     * @return an executor on a daemon thread of its own, for a charger made without the platform
     */
    static ScheduledExecutorService ownThread(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** @param wait how long {@link #call} waits for a task's result at most, from now on */
    void waitAtMost(Duration wait) {
        this.wait = wait;
    }

    /** @return whether the caller runs on this thread */
    boolean isCurrent() {
        return Thread.currentThread() == thread;
    }

    /** @return whether tasks are still taken: until {@link #close} */
    boolean isOpen() {
        return !closed;
    }

    /**
     * Has a task run without waiting for it: at once on this thread, otherwise after the tasks asked for before. A
     * task asked for once the thread is closed is dropped. A task that fails is logged.
     */
    void execute(Runnable task) {
        if (isCurrent()) {
            runLogged(task);
            return;
        }
        try {
            if (closed) {
                throw new RejectedExecutionException("closed");
            }
            executor.execute(() -> runMarked(task));
        } catch (RejectedExecutionException e) {
            LOG.debug("EV charging has stopped: a decision is dropped");
        }
    }

    /**
     * Runs a task and waits for its result, at most the configured time. A task that has not begun when the wait
     * ends never runs, so that a caller told it failed does not see it take effect later.
     *
     * @return the task's result
     * @throws InvalidValueException if the task refused
     * @throws TimeoutException if it did not run in time, or the caller was interrupted while it waited
     * @throws IllegalStateException if the thread is closed
     */
    <T> T call(Task<T> task) throws InvalidValueException, TimeoutException {
        if (isCurrent()) {
            return task.call();
        }
        return waitFor(submit(task::call), true);
    }

    /**
     * Runs a task and waits for it, at most the configured time; one not run by then still runs later.
     *
     * @throws TimeoutException if it did not run in time, or the caller was interrupted while it waited
     * @throws IllegalStateException if the thread is closed
     */
    void await(Runnable task) throws TimeoutException {
        if (isCurrent()) {
            task.run();
            return;
        }
        try {
            waitFor(submit(() -> {
                task.run();
                return null;
            }), false);
        } catch (InvalidValueException e) {
            throw new IllegalStateException(e); // a Runnable refuses nothing
        }
    }

    private <T> Future<T> submit(Callable<T> task) {
        if (closed) {
            throw new IllegalStateException("EV charging has stopped");
        }
        try {
            return executor.submit(() -> {
                thread = Thread.currentThread();
                try {
                    return task.call();
                } finally {
                    thread = null;
                }
            });
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("EV charging has stopped", e);
        }
    }

    private <T> T waitFor(Future<T> result, boolean cancelLate) throws InvalidValueException, TimeoutException {
        Duration limit = wait;
        try {
            return result.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            if (cancelLate) {
                result.cancel(false);
            }
            throw new TimeoutException("the charge point did not decide within " + limit.toMillis() + " ms");
        } catch (InterruptedException e) {
            if (cancelLate) {
                result.cancel(false);
            }
            Thread.currentThread().interrupt();
            throw new TimeoutException("interrupted while the charge point decided");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InvalidValueException refused) {
                throw refused;
            }
            if (cause instanceof RuntimeException failed) {
                throw failed;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    /**
     * Runs a task periodically, in place of the one given before; the same period again changes nothing.
     *
     * @param period the real time between the end of one run and the start of the next; at least {@link #MIN_PERIOD}
     */
    synchronized void repeat(Duration period, Runnable task) {
        Duration next = period.compareTo(MIN_PERIOD) < 0 ? MIN_PERIOD : period;
        if (repeating != null && next.equals(repeatingPeriod)) {
            return;
        }
        if (repeating != null) {
            repeating.cancel(false);
        }
        repeatingPeriod = next;
        if (closed) {
            repeating = null;
            return;
        }
        try {
            repeating = executor.scheduleWithFixedDelay(() -> runMarked(task), next.toNanos(), next.toNanos(),
                    TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            repeating = null;
        }
    }

    /** Stops taking decisions: the tasks waiting are dropped (one under way on a thread of its own is interrupted). */
    @Override
    public void close() {
        closed = true;
        executor.shutdownNow();
    }

    /** Runs a task as this thread's: {@link #isCurrent} says so while it runs. */
    private void runMarked(Runnable task) {
        thread = Thread.currentThread();
        try {
            runLogged(task);
        } finally {
            thread = null;
        }
    }

    private static void runLogged(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.error("An EV charging decision failed: {}", e.toString(), e);
        }
    }
}
