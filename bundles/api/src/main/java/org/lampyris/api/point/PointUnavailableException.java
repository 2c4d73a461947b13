package org.lampyris.api.point;

/**
 * A point has no valid value now for a reason outside its plugin: a sensor that is warming up, stuck or out of range,
 * a device that does not answer. Thrown from {@link Point#read()} (or a write), it is answered 5.03 Service Unavailable
 * with the message as the reason, and, unlike any other exception, it is not counted as a failure of the plugin: a
 * broken sensor must not get the plugin that reports it quarantined. The message says what is wrong, never a secret.
 *
 * @since 2.1
 */
public class PointUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param reason what is wrong, for the client and the log */
    public PointUnavailableException(String reason) {
        super(reason);
    }

    /**
     * @param reason what is wrong, for the client and the log
     * @param cause the fault below, such as the HAL's exception for a device that does not answer
     */
    public PointUnavailableException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
