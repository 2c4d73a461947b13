package org.lampyris.hal.modbus;

/**
 * A Modbus transaction failed: either the device answered with a Modbus exception (it is there but refuses), or the
 * link failed (no connection, a timeout, a broken frame), after which the link is reopened.
 */
final class BusException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean answered;

    BusException(String message, boolean answered, Throwable cause) {
        super(message, cause);
        this.answered = answered;
    }

    /** @return true if the device answered with a Modbus exception code, false if the link failed */
    boolean answered() {
        return answered;
    }
}
