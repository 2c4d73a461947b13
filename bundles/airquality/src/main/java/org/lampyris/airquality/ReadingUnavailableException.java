package org.lampyris.airquality;

/**
 * A channel has no valid reading now: missing, stuck, out of range or failed. Thrown from a point's read, so that the
 * client gets a server error whose payload says why.
 */
public class ReadingUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    ReadingUnavailableException(String message) {
        super(message);
    }
}
