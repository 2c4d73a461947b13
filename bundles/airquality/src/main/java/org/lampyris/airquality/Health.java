package org.lampyris.airquality;

/** The health of one sensor channel, as {@code /air/status} names it. Only an {@link #OK} channel is published. */
enum Health {
    /** The latest reading is plausible and published. */
    OK("ok"),
    /** The sensor has no such channel. */
    MISSING("missing"),
    /** The value has not changed over the configured number of consecutive samples. */
    STUCK("stuck"),
    /** The value is outside the plausible range of its channel family, or not a number. */
    OUT_OF_RANGE("out-of-range"),
    /** The sensor could not be read, or gave no value for this channel. */
    FAILED("failed");

    private final String text;

    Health(String text) {
        this.text = text;
    }

    /** @return the name {@code /air/status} shows */
    String text() {
        return text;
    }
}
