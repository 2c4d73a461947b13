package org.lampyris.api.point;

/**
 * A written value was refused. The message is shown to the client as the diagnostic payload of a 4.00 Bad Request,
 * so it says what is acceptable: "level must be between 0 and 100 %".
 */
public class InvalidValueException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidValueException(String message) {
        super(message);
    }
}
