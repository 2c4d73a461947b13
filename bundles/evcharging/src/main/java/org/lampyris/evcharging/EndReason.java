package org.lampyris.evcharging;

import java.util.Locale;

/** Why a charging session ended, as {@code /ev/sessions} shows it. */
enum EndReason {
    /** The vehicle was unplugged (state A). */
    UNPLUGGED,
    /** A client posted {@code stop}. */
    STOPPED,
    /** The equipment reported an error (state E or F); charging was stopped and the connector released. */
    FAULT,
    /** The controller stopped while the session ran and the vehicle was gone when it came back. */
    INTERRUPTED;

    /** @return the lower-case name shown to clients and stored on disk */
    String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param text a name as {@link #text()} gives it
     * @return the reason
     * @throws IllegalArgumentException if there is none of that name
     */
    static EndReason ofText(String text) {
        for (EndReason r : values()) {
            if (r.text().equals(text)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown end reason '" + text + "'");
    }
}
