package org.lampyris.api.point;

import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.lampyris.api.Subscription;

/**
 * The current value of a point and the listeners that observe it: what most {@link Point} implementations need. A
 * plugin {@link #set sets} the value when its hardware reports a change; listeners are called only when the value
 * itself changes, not on every sample.
 * <p>
 * Thread-safe. A listener that throws is removed, so that one broken observer cannot silence the others.
 */
public final class LiveValue {
    private final CopyOnWriteArrayList<Consumer<Reading>> listeners = new CopyOnWriteArrayList<>();
    private volatile Reading current;

    /** @param initial the value before the first change */
    public LiveValue(Reading initial) {
        this.current = Objects.requireNonNull(initial, "initial");
    }

    /** @return the current value */
    public Reading get() {
        return current;
    }

    /**
     * Updates the value and notifies the listeners if it differs from the current one.
     *
     * @param next the new value
     * @return true if the value changed
     */
    public boolean set(Reading next) {
        Objects.requireNonNull(next, "next");
        synchronized (this) {
            if (Objects.equals(current.value(), next.value())) {
                return false;
            }
            current = next;
        }
        for (Consumer<Reading> listener : listeners) {
            try {
                listener.accept(next);
            } catch (RuntimeException e) {
                listeners.remove(listener);
            }
        }
        return true;
    }

    /**
     * @param listener called with each new value
     * @return the subscription that removes the listener
     */
    public Subscription subscribe(Consumer<Reading> listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** @return how many listeners are registered */
    public int listenerCount() {
        return listeners.size();
    }
}
