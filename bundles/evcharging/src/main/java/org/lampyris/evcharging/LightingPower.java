package org.lampyris.evcharging;

import java.util.concurrent.atomic.AtomicReference;

import org.lampyris.api.Subscription;
import org.lampyris.api.lighting.LightingControl;

/**
 * The power the post's lighting draws, as the lighting capability reports it while one is bound; without one (no
 * lighting plugin, or one being replaced) the caller's conservative reserve applies. Thread-safe.
 */
final class LightingPower {
    private final AtomicReference<Bound> bound = new AtomicReference<>();

    /**
     * Follows a lighting capability from now on, in place of any other.
     *
     * @param control the capability
     * @param changed called after each change of its power
     */
    void bind(LightingControl control, Runnable changed) {
        Bound next = new Bound(control);
        next.refresh();
        next.subscription = control.onChange(s -> {
            next.watts = s.powerWatts();
            changed.run();
        });
        Bound previous = bound.getAndSet(next);
        if (previous != null) {
            previous.close();
        }
    }

    /**
     * Stops following a capability, if it is the one followed.
     *
     * @return true if it was
     */
    boolean unbind(LightingControl control) {
        Bound current = bound.get();
        if (current != null && current.control == control && bound.compareAndSet(current, null)) {
            current.close();
            return true;
        }
        return false;
    }

    /** Reads the power again, in case a change event was missed. */
    void refresh() {
        Bound current = bound.get();
        if (current != null) {
            current.refresh();
        }
    }

    /**
     * @param reserveWatts what to assume when no capability reports a usable power
     * @return the lighting power, in W
     */
    double watts(double reserveWatts) {
        Bound current = bound.get();
        double watts = current == null ? Double.NaN : current.watts;
        return Double.isFinite(watts) && watts >= 0 ? watts : reserveWatts;
    }

    /** Stops following any capability. */
    void close() {
        Bound current = bound.getAndSet(null);
        if (current != null) {
            current.close();
        }
    }

    private static final class Bound {
        final LightingControl control;
        volatile double watts = Double.NaN;
        volatile Subscription subscription;

        Bound(LightingControl control) {
            this.control = control;
        }

        /** A lighting plugin that fails to answer counts as absent: the reserve applies. */
        void refresh() {
            try {
                watts = control.status().powerWatts();
            } catch (RuntimeException e) {
                watts = Double.NaN;
            }
        }

        void close() {
            Subscription s = subscription;
            if (s != null) {
                s.close();
            }
        }
    }
}
