package org.lampyris.lampctl;

/** A command line lampctl cannot run; the message names the problem. Exit status 2. */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
