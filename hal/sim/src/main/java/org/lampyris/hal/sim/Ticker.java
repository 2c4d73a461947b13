package org.lampyris.hal.sim;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.lampyris.hal.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listeners of a simulated device and the daemon thread that advances the device while someone listens. The
 * thread starts with the first listener; a listener that throws is logged and kept, and never stops the others.
 *
 * @param <T> what listeners receive
 */
final class Ticker<T> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Ticker.class);

    private final String threadName;
    private final long periodMillis;
    private final Runnable tick;
    private final CopyOnWriteArrayList<Consumer<T>> listeners = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService executor;
    private boolean closed;

    /**
     * @param threadName the name of the thread, for thread dumps
     * @param periodMillis real milliseconds between ticks
     * @param tick what to do on each tick, typically advance the device and {@link #publish} its state
     */
    Ticker(String threadName, long periodMillis, Runnable tick) {
        this.threadName = threadName;
        this.periodMillis = periodMillis;
        this.tick = tick;
    }

    Subscription subscribe(Consumer<T> listener) {
        listeners.add(listener);
        synchronized (this) {
            if (executor == null && !closed) {
                executor = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, threadName);
                    t.setDaemon(true);
                    return t;
                });
                executor.scheduleWithFixedDelay(this::safeTick, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
            }
        }
        return () -> listeners.remove(listener);
    }

    boolean hasListeners() {
        return !listeners.isEmpty();
    }

    void publish(T value) {
        for (Consumer<T> listener : listeners) {
            try {
                listener.accept(value);
            } catch (RuntimeException e) {
                LOG.warn("A listener of {} failed: {}", threadName, e.toString());
            }
        }
    }

    private void safeTick() {
        try {
            tick.run();
        } catch (RuntimeException e) {
            LOG.warn("{} tick failed", threadName, e);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        listeners.clear();
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }
}
