package org.lampyris.api.charging;

import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.lampyris.api.Subscription;
import org.lampyris.api.point.InvalidValueException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The charge-point capability, provided by an EV charging plugin. Besides its status, a plugin may let a client
 * start and stop sessions (a back office's remote start and stop); one that does not answers
 * {@link UnsupportedOperationException}.
 */
@ProviderType
public interface ChargePoint {

    /** @return the current state of the charge point */
    ChargePointStatus status();

    /**
     * @param listener called when the status changes, from a plugin thread; returns quickly
     * @return the subscription to close when no longer interested
     */
    Subscription onChange(Consumer<ChargePointStatus> listener);

    /**
     * Starts a session for an identifier on the vehicle connected now. The identifier of the running session
     * answers that session.
     *
     * @param identifier the RFID card or contract id, 1 to 64 printable ASCII characters
     * @return the session
     * @throws InvalidValueException if the identifier is malformed or no session can start now, saying why
     * @throws TimeoutException if the plugin did not decide in time
     * @throws UnsupportedOperationException if the plugin starts sessions only itself
     * @since 1.1
     */
    default Session start(String identifier) throws InvalidValueException, TimeoutException {
        throw new UnsupportedOperationException("this charge point starts no session on request");
    }

    /**
     * Ends the running session: no more current, connector released.
     *
     * @return the ended session
     * @throws InvalidValueException if no session runs
     * @throws TimeoutException if the plugin did not decide in time
     * @throws UnsupportedOperationException if the plugin stops sessions only itself
     * @since 1.1
     */
    default Session stop() throws InvalidValueException, TimeoutException {
        throw new UnsupportedOperationException("this charge point stops no session on request");
    }

    /**
     * Limits the current offered to the vehicle to what a back office allows now (an OCPP charging schedule). The
     * vehicle is offered the lowest of this limit and the plugin's own limits (the operator's limit, the supply left
     * after the lighting, the equipment's maximum), so that a back office can lower the current but never take the
     * lighting's reserve. The limit is not kept across a restart: the back office's link sets it again.
     *
     * @param amps the limit, at least 0; {@link Double#POSITIVE_INFINITY} for none
     * @throws InvalidValueException if it is negative or not a number
     * @throws TimeoutException if the plugin did not decide in time; the limit applies all the same
     * @throws UnsupportedOperationException if the plugin takes no limit from a back office
     * @since 1.1
     */
    default void setBackOfficeLimit(double amps) throws InvalidValueException, TimeoutException {
        throw new UnsupportedOperationException("this charge point takes no limit from a back office");
    }

    /**
     * @return the most current the plugin would offer a vehicle now by its own limits (the operator's limit, the
     *         supply left after the lighting, the equipment's maximum), whatever a back office allows; 0 if a
     *         vehicle could not charge now; {@link Double#NaN} if the plugin cannot say
     * @since 1.1
     */
    default double ownLimitAmps() {
        return Double.NaN;
    }

    /**
     * Takes the charge point out of service, or puts it back in (OCPP's ChangeAvailability). Out of service no
     * session starts, neither for an identifier nor by free charging, and {@link #operative()} says so; the setting
     * is kept across a restart. A running session is never cut short: taking the charge point out of service while
     * one runs takes effect when it ends. Listeners of {@link #onChange(Consumer)} hear the change when it takes
     * effect, even when the status itself is unchanged.
     *
     * @param operative true to put it in service, false to take it out
     * @return when the change takes effect
     * @throws TimeoutException if the plugin did not decide in time
     * @throws UnsupportedOperationException if the plugin cannot be taken out of service
     * @since 1.2
     */
    default AvailabilityChange setOperative(boolean operative) throws TimeoutException {
        throw new UnsupportedOperationException("this charge point cannot be taken out of service");
    }

    /**
     * @return whether the charge point is in service; true from a plugin that cannot be taken out of service
     * @since 1.2
     */
    default boolean operative() {
        return true;
    }
}
