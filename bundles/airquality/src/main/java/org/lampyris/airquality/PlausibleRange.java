package org.lampyris.airquality;

/**
 * The values a channel can physically take; anything else is a sensor fault, not air.
 *
 * @param min the lowest plausible value
 * @param max the highest plausible value
 * @param unit the unit, for messages
 */
record PlausibleRange(double min, double max, String unit) {

    PlausibleRange {
        if (!(min <= max)) {
            throw new IllegalArgumentException("a plausible range needs min <= max, got " + AirShown.number(min)
                    + "-" + AirShown.number(max) + " " + unit);
        }
    }

    /** @return whether a value is a finite number within the range, bounds included */
    boolean contains(double value) {
        return Double.isFinite(value) && value >= min && value <= max;
    }

    @Override
    public String toString() {
        return AirShown.number(min) + " to " + AirShown.number(max) + " " + unit;
    }
}
