package org.lampyris.hal.sim;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.lampyris.hal.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listeners of a simulated device and its ticks, served by the bundle's one simulator thread
 * ({@link SimulatorThread}). A device uses it only while someone listens: from the first subscription to the last one,
 * so an unobserved device costs nothing. Every notification, whether it comes from the periodic tick or from a call
 * such as {@code setLevel}, is delivered on that thread in the order it was published, so that a listener never runs on a caller's thread (where it
 * could re-enter the device or deadlock on the caller's locks). A listener that throws is logged and kept; it never
 * stops the thread or the other listeners.
 *
 * @param <T> what listeners receive
 */
final class Ticker<T> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Ticker.class);

    private final String threadName;
    private final SimulatorThread thread;
    private final LongSupplier tick;
    private final List<Consumer<T>> listeners = new CopyOnWriteArrayList<>();

    // Guarded by this. The executor is shared with the other devices; the run token tells this device's tick chain
    // from one of an earlier subscription period, which must stop rescheduling itself.
    private ScheduledExecutorService executor;
    private Object run;
    private ScheduledFuture<?> next;
    private boolean closed;

    /**
     * @param threadName the device's name, for the log
     * @param thread     the thread that serves it, shared with the bundle's other devices
     * @param tick what to do on each tick (typically advance the device and {@link #publish} its state); returns how
     *            many real milliseconds to wait before the next tick
     */
    Ticker(String threadName, SimulatorThread thread, LongSupplier tick) {
        this.threadName = threadName;
        this.thread = thread;
        this.tick = tick;
    }

    /** Registers a listener; the returned subscription may be closed any number of times. */
    Subscription subscribe(Consumer<T> listener) {
        // A wrapper of our own, so that closing one subscription never removes another one of the same listener.
        Consumer<T> entry = listener::accept;
        synchronized (this) {
            if (closed) {
                return () -> { };
            }
            listeners.add(entry);
            if (executor == null) {
                start();
            }
        }
        return () -> unsubscribe(entry);
    }

    private synchronized void unsubscribe(Consumer<T> entry) {
        if (listeners.remove(entry) && listeners.isEmpty()) {
            stop();
        }
    }

    /** @return whether the device ticks, that is, whether anybody listens */
    synchronized boolean running() {
        return executor != null;
    }

    /**
     * Queues a value for delivery to the listeners on the device's thread. Callers publish while holding the device's
     * lock, so the queue order is the order in which the states were taken. Without listeners this does nothing.
     */
    synchronized void publish(T value) {
        if (executor == null) {
            return;
        }
        try {
            executor.execute(() -> deliver(value));
        } catch (RejectedExecutionException e) {
            // Stopped concurrently: nobody is left to hear it.
        }
    }

    private void deliver(T value) {
        for (Consumer<T> listener : listeners) {
            try {
                listener.accept(value);
            } catch (RuntimeException e) {
                LOG.warn("A listener of {} failed; it stays registered", threadName, e);
            }
        }
    }

    private void start() {
        ScheduledExecutorService ex = thread.acquire();
        Object token = new Object();
        executor = ex;
        run = token;
        ex.execute(() -> tickAndReschedule(ex, token));
    }

    private void stop() {
        if (executor != null) {
            if (next != null) {
                next.cancel(false);
                next = null;
            }
            executor = null;
            run = null;
            thread.release();
        }
    }

    /** Runs one tick and schedules the next, unless the device has stopped (or stopped and started again) meanwhile. */
    private void tickAndReschedule(ScheduledExecutorService ex, Object token) {
        synchronized (this) {
            if (run != token) {
                return;
            }
        }
        long delay = 1000;
        try {
            delay = Math.max(10, tick.getAsLong());
        } catch (RuntimeException e) {
            LOG.warn("{} tick failed; ticking on", threadName, e);
        }
        synchronized (this) {
            if (run == token) {
                try {
                    next = ex.schedule(() -> tickAndReschedule(ex, token), delay, TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException e) {
                    // Stopped concurrently.
                }
            }
        }
    }

    /** Stops for good and forgets the listeners; called when the component deactivates. */
    @Override
    public synchronized void close() {
        closed = true;
        listeners.clear();
        stop();
    }
}
