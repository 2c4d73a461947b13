package org.lampyris.lampctl;

/**
 * What lampctl's exit status tells a script: the command did what it was asked, a post refused it, the command line
 * was wrong, or a post could not be reached at all. When several hosts are involved the most serious one wins.
 */
public enum ExitCode {
    /** Every post answered with success. */
    SUCCESS(0),
    /** A post answered, with a 4.xx or 5.xx: it refused the request or failed it. */
    REFUSED(1),
    /** The command line was wrong; nothing was sent. */
    USAGE(2),
    /** A post did not answer in time, or the DTLS handshake with it failed. */
    UNREACHABLE(3);

    private final int status;

    ExitCode(int status) {
        this.status = status;
    }

    /** @return the process exit status */
    public int status() {
        return status;
    }

    /** @return the outcome a process exit status stands for */
    static ExitCode of(int status) {
        for (ExitCode code : values()) {
            if (code.status == status) {
                return code;
            }
        }
        throw new IllegalArgumentException("lampctl has no exit status " + status);
    }

    /** @return the more serious of this and another outcome (unreachable, then usage, then refused, then success) */
    public ExitCode worst(ExitCode other) {
        return other.status > status ? other : this;
    }
}
