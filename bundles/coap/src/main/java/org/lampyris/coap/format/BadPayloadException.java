package org.lampyris.coap.format;

/**
 * A request payload could not be understood. The message is meant for the client, as the diagnostic payload of a
 * 4.00 Bad Request: it names the problem, for example {@code expected a number, got "abc"} or
 * {@code invalid JSON at offset 3: expected a value}.
 */
public class BadPayloadException extends Exception {
    private static final long serialVersionUID = 1L;

    public BadPayloadException(String message) {
        super(message);
    }
}
