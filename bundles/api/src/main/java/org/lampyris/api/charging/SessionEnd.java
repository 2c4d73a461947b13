package org.lampyris.api.charging;

/** Why a charging session ended. */
public enum SessionEnd {
    /** The vehicle was unplugged (IEC 61851 state A). */
    UNPLUGGED,
    /** A client asked to stop it ({@link ChargePoint#stop()}, or the plugin's own interface). */
    STOPPED,
    /** The equipment reported an error (state E or F); charging was stopped. */
    FAULT,
    /** The controller stopped while the session ran, and the vehicle was gone when it came back. */
    INTERRUPTED
}
