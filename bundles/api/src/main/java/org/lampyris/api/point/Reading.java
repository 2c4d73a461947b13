package org.lampyris.api.point;

import java.time.Instant;
import java.util.Objects;

/**
 * A value of a point at a time. The value is a {@link Double}, a {@link Boolean} or a {@link String}, matching the
 * point's {@link ValueKind}.
 *
 * @param value the value
 * @param time when it was measured or set, in post time
 */
public record Reading(Object value, Instant time) {

    public Reading {
        Objects.requireNonNull(time, "time");
        if (value instanceof Number n) {
            value = n.doubleValue();
            if (!Double.isFinite((Double) value)) {
                throw new IllegalArgumentException("a reading must be a finite number");
            }
        } else if (!(value instanceof Boolean) && !(value instanceof String)) {
            throw new IllegalArgumentException("a reading is a number, a boolean or a string, not " + value);
        }
    }

    /** @return a numeric reading */
    public static Reading of(double value, Instant time) {
        return new Reading(value, time);
    }

    /** @return a boolean reading */
    public static Reading of(boolean value, Instant time) {
        return new Reading(value, time);
    }

    /** @return a text reading */
    public static Reading of(String value, Instant time) {
        return new Reading(value, time);
    }

    /** @return the kind of this value */
    public ValueKind kind() {
        if (value instanceof Double) {
            return ValueKind.NUMBER;
        }
        return value instanceof Boolean ? ValueKind.BOOLEAN : ValueKind.TEXT;
    }

    /**
     * @return the value as a number
     * @throws IllegalStateException if it is not one
     */
    public double number() {
        if (value instanceof Double d) {
            return d;
        }
        throw new IllegalStateException("not a number: " + value);
    }

    /**
     * @return the value as a boolean
     * @throws IllegalStateException if it is not one
     */
    public boolean bool() {
        if (value instanceof Boolean b) {
            return b;
        }
        throw new IllegalStateException("not a boolean: " + value);
    }

    /** @return the value as text, the way {@code text/plain} shows it: integral numbers without a decimal point */
    public String text() {
        if (value instanceof Double d) {
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString(d.longValue());
            }
            return d.toString();
        }
        return value.toString();
    }
}
