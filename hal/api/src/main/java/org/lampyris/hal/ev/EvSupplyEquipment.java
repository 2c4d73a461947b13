package org.lampyris.hal.ev;

import java.util.function.Consumer;

import org.lampyris.hal.Subscription;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The electric-vehicle supply equipment of a charge point, as IEC 61851 describes it: the control-pilot state, the
 * maximum current offered to the vehicle (the PWM duty cycle), the meter and the connector lock.
 */
@ProviderType
public interface EvSupplyEquipment {

    /** @return the hardware limits of this equipment */
    EvseInfo info();

    /** @return the current state, meter reading and settings */
    EvseStatus status();

    /**
     * Offers the vehicle a maximum charging current, or none.
     *
     * @param amps 0 to pause charging, or {@link EvseInfo#minCurrentAmps()} to {@link EvseInfo#maxCurrentAmps()}
     * @throws IllegalArgumentException for any other value
     */
    void setMaxCurrent(double amps);

    /**
     * Locks or unlocks the connector in the socket.
     *
     * @param locked true to lock
     */
    void setConnectorLocked(boolean locked);

    /**
     * Registers a listener for state changes and meter movements. Called on a driver thread; must return quickly.
     *
     * @param listener receives each new status
     * @return the subscription to close when no longer interested
     */
    Subscription onChange(Consumer<EvseStatus> listener);
}
