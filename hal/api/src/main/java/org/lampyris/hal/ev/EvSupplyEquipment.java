package org.lampyris.hal.ev;

import java.util.function.Consumer;

import org.lampyris.hal.Subscription;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The electric-vehicle supply equipment of a charge point, as IEC 61851 describes it: the control-pilot state, the
 * maximum current offered to the vehicle (the PWM duty cycle), the meter and the connector lock.
 * <p>
 * Every implementation, the simulator's and each driver with its device profile, passes the same contract suite
 * ({@code org.lampyris.hal.contract.EvSupplyEquipmentContract}); where this interface was silent, the suite and this
 * documentation say the same:
 * <ul>
 * <li>{@link EvseInfo}'s limits are within IEC 61851: the smallest offer at least 6 A, the largest at most 32 A;</li>
 * <li>an offer other than 0 or within those limits (NaN included) is refused, never clamped, and changes nothing;
 * from the moment {@link #setMaxCurrent} returns, {@link EvseStatus#offeredCurrentAmps()} is the new offer (a driver
 * writes it on a thread of its own and reads it back), and a connector lock set is read back the same way;</li>
 * <li>outside states C and D no current is drawn and no power flows; the meter never runs backwards and nothing in a
 * status is negative;</li>
 * <li>{@link #status()} never blocks and never throws: equipment that cannot be reached is in state F, with no
 * current and no power and the meter's last reading (a session's energy is counted from it); why it cannot be reached
 * is in the device's {@link org.lampyris.hal.DeviceServiceProperties}. An offer or a lock set meanwhile returns at once
 * and is applied when it answers again;</li>
 * <li>listeners are called on a driver thread, never the caller's; one that throws silences no other; once its
 * component is deactivated the equipment calls no listener and leaves no thread running.</li>
 * </ul>
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
