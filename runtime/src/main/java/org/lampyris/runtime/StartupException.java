package org.lampyris.runtime;

/** The controller could not start; the message is shown to the engineer as one line. */
final class StartupException extends Exception {
    private static final long serialVersionUID = 1L;

    StartupException(String message) {
        super(message);
    }

    StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
