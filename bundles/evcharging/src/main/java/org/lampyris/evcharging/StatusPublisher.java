package org.lampyris.evcharging;

import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.lampyris.api.Subscription;
import org.lampyris.api.charging.ChargePointStatus;
import org.lampyris.api.point.LiveValue;
import org.lampyris.api.point.Reading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the charger shows once it has decided: the charge-point status to the capability's listeners, and the sessions
 * document to the observers of {@code /ev/sessions}. {@link #publish} is called on the {@link DecisionThread} after
 * each decision and holds no lock while listeners run, so that a listener may call back into the charger. Should a
 * listener cause another decision, and with it another publication, while one is being told, that one is told once
 * every listener has heard the first: each listener hears the states in the order they were decided.
 */
final class StatusPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(StatusPublisher.class);

    private final CopyOnWriteArrayList<Consumer<ChargePointStatus>> listeners = new CopyOnWriteArrayList<>();
    private final LiveValue sessions;
    private volatile ChargePointStatus status;

    // Confined to the decision thread.
    private boolean publishing;
    private ChargePointStatus nextStatus;
    private Reading nextSessions;

    /** @param sessions the sessions document before the first decision */
    StatusPublisher(Reading sessions) {
        this.sessions = new LiveValue(sessions);
    }

    /** @return the status last published; null before the first decision */
    ChargePointStatus status() {
        return status;
    }

    /** @return the sessions document, observable */
    LiveValue sessions() {
        return sessions;
    }

    /** @param listener called with each status that differs from the one before */
    Subscription onChange(Consumer<ChargePointStatus> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Tells a decision to whoever listens; on the decision thread only. */
    void publish(ChargePointStatus decided, Reading sessionsDocument) {
        nextStatus = decided;
        nextSessions = sessionsDocument;
        if (publishing) {
            return;
        }
        publishing = true;
        try {
            while (nextStatus != null) {
                ChargePointStatus told = nextStatus;
                Reading document = nextSessions;
                nextStatus = null;
                nextSessions = null;
                tell(told);
                sessions.set(document);
            }
        } finally {
            publishing = false;
        }
    }

    /** Tells the last status again, for what it does not show (the availability); on the decision thread only. */
    void retell() {
        ChargePointStatus now = status;
        if (now != null) {
            tellAll(now);
        }
    }

    private void tell(ChargePointStatus next) {
        ChargePointStatus previous = status;
        status = next;
        if (previous != null && previous.state().equals(next.state())
                && previous.currentAmps() == next.currentAmps() && previous.limitAmps() == next.limitAmps()
                && previous.powerWatts() == next.powerWatts()
                && previous.energyWattHours() == next.energyWattHours()
                && Objects.equals(previous.session(), next.session())
                && Objects.equals(previous.lastEnded(), next.lastEnded())) {
            return;
        }
        tellAll(next);
    }

    private void tellAll(ChargePointStatus next) {
        for (Consumer<ChargePointStatus> listener : listeners) {
            try {
                listener.accept(next);
            } catch (RuntimeException e) {
                LOG.warn("A charge-point listener failed: {}", e.toString());
            }
        }
    }
}
