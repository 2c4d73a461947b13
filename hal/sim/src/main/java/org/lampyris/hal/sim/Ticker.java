package org.lampyris.hal.sim;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.lampyris.hal.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listeners of a simulated device and the one daemon thread that serves them. The thread exists only while
 * someone listens: it starts with the first subscription and stops with the last one, so an unobserved device costs
 * nothing. Every notification, whether it comes from the periodic tick or from a call such as {@code setLevel}, is
 * delivered on this thread in the order it was published, so that a listener never runs on a caller's thread (where it
 * could re-enter the device or deadlock on the caller's locks). A listener that throws is logged and kept; it never
 * stops the thread or the other listeners.
 *
 * @param <T> what listeners receive
 */
final class Ticker<T> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Ticker.class);

    private final String threadName;
    private final LongSupplier tick;
    private final List<Consumer<T>> listeners = new CopyOnWriteArrayList<>();

    // Guarded by this.
    private ScheduledExecutorService executor;
    private boolean closed;

    /**
     * @param threadName the name of the thread, for thread dumps
     * @param tick what to do on each tick (typically advance the device and {@link #publish} its state); returns how
     *            many real milliseconds to wait before the next tick
     */
    Ticker(String threadName, LongSupplier tick) {
        this.threadName = threadName;
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

    /** @return whether the thread is running, that is, whether anybody listens */
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
        ScheduledExecutorService ex = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        executor = ex;
        ex.execute(() -> tickAndReschedule(ex));
    }

    private void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    /** Runs one tick and schedules the next on the same executor, unless that executor has been stopped meanwhile. */
    private void tickAndReschedule(ScheduledExecutorService ex) {
        long delay = 1000;
        try {
            delay = Math.max(10, tick.getAsLong());
        } catch (RuntimeException e) {
            LOG.warn("{} tick failed; ticking on", threadName, e);
        }
        synchronized (this) {
            if (executor == ex) {
                try {
                    ex.schedule(() -> tickAndReschedule(ex), delay, TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException e) {
                    // Stopped concurrently.
                }
            }
        }
    }

    /** Stops the thread for good and forgets the listeners; called when the component deactivates. */
    @Override
    public synchronized void close() {
        closed = true;
        listeners.clear();
        stop();
    }
}
