package org.lampyris.coap;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.lampyris.api.Subscription;
import org.lampyris.api.point.InvalidValueException;
import org.lampyris.api.point.Point;
import org.lampyris.api.point.PointDirectory;
import org.lampyris.api.point.PointInfo;
import org.lampyris.api.point.PointUnavailableException;
import org.lampyris.api.point.Reading;
import org.lampyris.api.point.ValueKind;
import org.lampyris.hal.DeviceUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A plugin's point as the platform publishes it, whoever asks: the CoAP resource that serves it
 * ({@link PointResource}) and the {@link PointDirectory} of protocol bridges ({@link PublishedPoints}) read, write,
 * act on and observe the point through this one object, so that a bridge's client gets what a CoAP client gets.
 * <p>
 * It guards the plugin: every call into plugin code runs within the time budget of {@link PluginCalls} and is counted
 * by the bundle's {@link Quarantine.Guard}. An observable point is answered from the value its plugin last reported,
 * through the platform's own subscription ({@link ObservedValue}, which explains when the plugin is read all the
 * same), and each reported value is told to the point's observers, the CoAP resource first. Once the point is
 * {@link #withdraw() withdrawn} every call fails with {@link PointWithdrawnException} and its observers hear nothing
 * more.
 * <p>
 * It knows nothing of CoAP: formats, codes and the resource tree are the business of {@link PointResource}.
 */
final class PublishedPoint {
    private static final Logger LOG = LoggerFactory.getLogger(PublishedPoint.class);

    /** A call into the plugin, named as the log and the quarantine tell it. */
    private enum PluginCall {
        READ, WRITE, ACT;

        String verb() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final String path;
    private final Point point;
    private final PointInfo info;
    private final PluginCalls calls;
    private final Quarantine.Guard guard;
    /** The platform's subscription and the reported value; null if the point is not observable. */
    private final ObservedValue observed;
    /** The point's observers, told of each reported value in the order they came; emptied on withdrawal. */
    private final List<Consumer<Reading>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean withdrawn;

    /**
     * @param path the path the point is published at
     * @param point the plugin's service object
     * @param info what the point said it is
     * @param context the endpoint's plugin calls and notifier
     * @param guard the quarantine's guard of the point's bundle
     */
    PublishedPoint(String path, Point point, PointInfo info, PointContext context, Quarantine.Guard guard) {
        this.path = path;
        this.point = point;
        this.info = info;
        this.calls = context.calls();
        this.guard = guard;
        this.observed = info.observable() ? new ObservedValue(path, context.notifier(),
                context.notifyIntervalMillis(), context.valueMaxAgeMillis(), this::tellListeners) : null;
    }

    String path() {
        return path;
    }

    PointInfo info() {
        return info;
    }

    /** Opens the platform's subscription to the plugin's changes, if the point is observable. Not under a lock. */
    void open() {
        if (observed == null) {
            return;
        }
        Subscription s;
        try {
            s = calls.call(() -> point.observe(observed::report));
        } catch (Exception e) {
            LOG.warn("Point {} is observable but its plugin refused an observer ({}); observers get no notifications",
                    path, e.toString());
            return;
        }
        if (!observed.attach(s)) { // withdrawn while the plugin was subscribing
            close(s);
        }
    }

    /** Ends the point's life as a published point: calls fail, observers hear no more. Calls no plugin code. */
    void withdraw() {
        withdrawn = true;
        listeners.clear();
        if (observed != null) {
            observed.withdraw();
        }
    }

    /** Closes the platform's subscription to the plugin. Calls plugin code, so never under a lock. */
    void unsubscribe() {
        withdrawn = true;
        if (observed != null) {
            close(observed.release());
        }
    }

    private void close(Subscription s) {
        if (s == null) {
            return;
        }
        try {
            calls.call(() -> {
                s.close();
                return null;
            });
        } catch (Exception e) {
            LOG.debug("Closing the observer of {} failed: {}", path, e.toString());
        }
    }

    /** On the notifier thread; each listener on its own, so that one that throws does not silence the others. */
    private void tellListeners(Reading value) {
        for (Consumer<Reading> listener : listeners) {
            if (withdrawn) {
                return;
            }
            try {
                listener.accept(value);
            } catch (RuntimeException e) {
                LOG.warn("An observer of {} failed: {}", path, e.toString());
            }
        }
    }

    /**
     * Observes the point: the listener hears each value the plugin reports, on the endpoint's notifier thread, at
     * most one value per notification interval, until the subscription is closed or the point withdrawn.
     *
     * @throws UnsupportedOperationException if the point is not observable
     */
    Subscription observe(Consumer<Reading> listener) {
        Objects.requireNonNull(listener, "listener");
        if (observed == null) {
            throw new UnsupportedOperationException(path + " is not observable");
        }
        // A wrapper of its own, so that the same listener observing twice gets two subscriptions that close apart.
        Consumer<Reading> registered = listener::accept;
        listeners.add(registered);
        if (withdrawn) { // withdrawn meanwhile: the subscription has ended already
            listeners.remove(registered);
        }
        return () -> listeners.remove(registered);
    }

    /**
     * Reads the point as a GET does.
     *
     * @return the value the plugin reported, if it may still be answered; else the plugin's answer
     * @throws PointWithdrawnException if the point is withdrawn
     * @throws PluginCalls.Overrun if the plugin did not answer within its time budget
     * @throws Exception what the plugin threw
     */
    Reading read() throws Exception {
        if (withdrawn) {
            throw new PointWithdrawnException(path);
        }
        return observed == null ? readThrough() : observed.current(this::readThrough);
    }

    private Reading readThrough() throws Exception {
        Reading reading = guarded(PluginCall.READ, point::read);
        if (reading == null) {
            throw new IllegalStateException("the plugin returned no value");
        }
        return reading;
    }

    /**
     * Writes the point as a PUT does, once its payload is decoded.
     *
     * @param value a value of the {@link #argumentKind() kind the point takes}
     * @throws UnsupportedOperationException if the point is read-only
     * @throws InvalidValueException if the value is of another kind, or the plugin refused it
     * @throws PointWithdrawnException if the point is withdrawn
     * @throws PluginCalls.Overrun if the plugin did not answer within its time budget
     * @throws Exception what the plugin threw
     */
    void write(Reading value) throws Exception {
        Objects.requireNonNull(value, "value");
        if (!info.writable()) {
            throw new UnsupportedOperationException(whyNotWritable());
        }
        requireArgumentKind(value);
        changing(PluginCall.WRITE, () -> {
            point.write(value);
            return null;
        });
    }

    /**
     * Invokes the point's action as a POST does, once its payload is decoded.
     *
     * @param argument a value of the {@link #argumentKind() kind the point takes}
     * @return the plugin's answer; null if it has none
     * @throws UnsupportedOperationException if the point has no action
     * @throws InvalidValueException if the argument is of another kind, or the plugin refused it
     * @throws PointWithdrawnException if the point is withdrawn
     * @throws PluginCalls.Overrun if the plugin did not answer within its time budget
     * @throws Exception what the plugin threw
     */
    Reading post(Reading argument) throws Exception {
        Objects.requireNonNull(argument, "argument");
        if (!info.postable()) {
            throw new UnsupportedOperationException(whyNotPostable());
        }
        requireArgumentKind(argument);
        return changing(PluginCall.ACT, () -> point.post(argument));
    }

    /**
     * @return why a write is refused when the point is read-only, as every protocol tells it. An actuator is read-only
     *         only for a reason (the fail-safe's stand-in light level, while no lighting plugin holds the lamp), which
     *         its title tells.
     */
    String whyNotWritable() {
        return info.iface() == PointInfo.Interface.ACTUATOR && !info.title().isEmpty()
                ? path + " is read-only: " + info.title()
                : path + " is read-only";
    }

    /** @return why an action is refused when the point has none, as every protocol tells it */
    String whyNotPostable() {
        return path + " has no action to POST to";
    }

    /** @return the kind of value a write or an action takes: text for a structured point (an identifier, say) */
    ValueKind argumentKind() {
        return info.kind() == ValueKind.STRUCTURED ? ValueKind.TEXT : info.kind();
    }

    private void requireArgumentKind(Reading value) throws InvalidValueException {
        if (value.kind() != argumentKind()) {
            // A structured point takes text (an identifier, say): the message names what it takes, not what it holds.
            throw new InvalidValueException(path + " takes a " + argumentKind() + " value, not " + value.kind());
        }
    }

    /** A write or an action: whatever its outcome, the value reported before it may no longer be current. */
    private <T> T changing(PluginCall call, Callable<T> change) throws Exception {
        if (withdrawn) {
            throw new PointWithdrawnException(path);
        }
        try {
            return guarded(call, change);
        } finally {
            if (observed != null) {
                observed.invalidate();
            }
        }
    }

    /**
     * Calls the plugin within the time budget and tells the quarantine how it went: an answer, or the refusal of a bad
     * value (the client's fault), counts as a success; an exception, a missed budget or a read without a value as a
     * failure.
     */
    private <T> T guarded(PluginCall call, Callable<T> action) throws Exception {
        T result;
        try {
            result = calls.call(action);
        } catch (InvalidValueException e) {
            guard.succeeded();
            throw e;
        } catch (PluginCalls.Overrun e) {
            guard.failed(path + " did not " + call.verb() + " in time: " + e.getMessage());
            throw e;
        } catch (DeviceUnavailableException | PointUnavailableException e) {
            // The device below the plugin is at fault, not the plugin: a gateway outage must not quarantine dimming,
            // nor a broken sensor the air-quality plugin that reports it.
            guard.succeeded();
            throw e;
        } catch (Exception e) {
            guard.failed(path + " failed to " + call.verb() + ": " + e);
            throw e;
        }
        if (result == null && call == PluginCall.READ) {
            guard.failed(path + " returned no value");
        } else {
            guard.succeeded();
        }
        return result;
    }
}
