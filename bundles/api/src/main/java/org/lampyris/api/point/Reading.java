package org.lampyris.api.point;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.lampyris.internal.json.Json;

/**
 * A value of a point at a time. The value is a {@link Double}, a {@link Boolean}, a {@link String} or a structure,
 * matching the point's {@link ValueKind}.
 * <p>
 * A structure is what a plugin has: a record, a list, a map, nested as needed ({@link #structured}). The reading
 * keeps it as an unmodifiable tree of {@code Map<String, Object>} and {@code List<Object>} with text, {@link Long},
 * {@link Double}, {@link Boolean} and {@code null} leaves, and the platform writes it in whatever format a client
 * asks for (JSON, CBOR, text). A plugin never writes JSON itself.
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
        } else if (Structure.isStructure(value)) {
            value = Structure.normalise(value);
        } else if (!(value instanceof Boolean) && !(value instanceof String)) {
            throw new IllegalArgumentException("a reading is a number, a boolean, a string or a structure (a record, "
                    + "list or map), not " + value);
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

    /**
     * A structured reading: what {@code /ev/sessions} or {@code /air/status} show.
     *
     * @param structure a record, a {@code Map}, a {@code Collection} or an array, nested as needed, with text, numbers,
     *            booleans, enum constants (their names), dates and times (ISO 8601) and null inside
     * @throws IllegalArgumentException if it is not a structure, or holds something else (naming where)
     */
    public static Reading structured(Object structure, Instant time) {
        if (!Structure.isStructure(structure)) {
            throw new IllegalArgumentException("a structured reading is a record, a list or a map, not " + structure);
        }
        return new Reading(structure, time);
    }

    /** @return the kind of this value */
    public ValueKind kind() {
        if (value instanceof Double) {
            return ValueKind.NUMBER;
        }
        if (value instanceof Map || value instanceof List) {
            return ValueKind.STRUCTURED;
        }
        return value instanceof Boolean ? ValueKind.BOOLEAN : ValueKind.TEXT;
    }

    /**
     * @return the structure: an unmodifiable {@code Map<String, Object>} or {@code List<Object>}
     * @throws IllegalStateException if the value is not structured
     */
    public Object structure() {
        if (value instanceof Map || value instanceof List) {
            return value;
        }
        throw new IllegalStateException("not a structure: " + value);
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

    /**
     * @return the value as text, the way {@code text/plain} shows it: integral numbers without a decimal point, a
     *         structure as JSON
     */
    public String text() {
        if (value instanceof Map || value instanceof List) {
            return Json.write(value);
        }
        if (value instanceof Double d) {
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString(d.longValue());
            }
            return d.toString();
        }
        return value.toString();
    }
}
