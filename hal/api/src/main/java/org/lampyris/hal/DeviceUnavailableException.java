package org.lampyris.hal;

/**
 * A real device cannot be read or driven right now: it stopped answering, its bus is down, or it answered with an
 * error. A driver throws it from a state query instead of returning the last value it had, because a stale value
 * shown as current is worse than none: a fault is a state, and the message says which device and why.
 * <p>
 * It is unchecked so that the HAL interfaces keep their signatures. The platform answers a client's read that fails
 * with it as "unavailable" (5.03 with the reason) and does not hold it against the plugin that passed it on.
 */
public class DeviceUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message which device and why, for an engineer: "modbus device street-1 (10.0.0.7:502): timed out" */
    public DeviceUnavailableException(String message) {
        super(message);
    }
}
