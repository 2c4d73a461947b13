package org.lampyris.api.point;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns what a plugin hands to {@link Reading} as a structured value into the platform's value model: an unmodifiable
 * tree of {@code Map<String, Object>} (in the order given) and {@code List<Object>}, whose leaves are {@link String},
 * {@link Long} (integers), {@link Double} (other numbers, finite), {@link Boolean} or {@code null}.
 * <p>
 * A record becomes a map of its components in declaration order; a map's keys become their text; a collection or an
 * array becomes a list; an enum constant becomes its name and a date or time ({@link TemporalAccessor}) its ISO 8601
 * text. Anything else is refused, so that every format the platform serves (JSON, CBOR, SenML) can carry the value.
 */
final class Structure {
    /** Deep enough for any reading a plugin publishes, shallow enough to refuse a structure that refers to itself. */
    static final int MAX_DEPTH = 16;

    private Structure() {
    }

    /** @return whether a value is a structure (a record, map, collection or array) rather than a single value */
    static boolean isStructure(Object value) {
        return value instanceof Map || value instanceof Collection || value instanceof Record
                || (value != null && value.getClass().isArray());
    }

    /**
     * @return the value in the platform's model
     * @throws IllegalArgumentException naming the part that cannot be carried
     */
    static Object normalise(Object value) {
        return normalise(value, "value", 0);
    }

    private static Object normalise(Object value, String where, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("a structured reading nests deeper than " + MAX_DEPTH + " at " + where);
        }
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big) {
            return big.bitLength() < 64 ? (Object) big.longValue() : finite(big.doubleValue(), where);
        }
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            return finite(((Number) value).doubleValue(), where);
        }
        if (value instanceof CharSequence || value instanceof Character) {
            return value.toString();
        }
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        if (value instanceof TemporalAccessor) {
            return value.toString();
        }
        if (value instanceof Record record) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                map.put(component.getName(),
                        normalise(component(record, component), where + "." + component.getName(), depth + 1));
            }
            return Collections.unmodifiableMap(map);
        }
        if (value instanceof Map<?, ?> source) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : source.entrySet()) {
                String key = String.valueOf(e.getKey());
                map.put(key, normalise(e.getValue(), where + "." + key, depth + 1));
            }
            return Collections.unmodifiableMap(map);
        }
        if (value instanceof Collection<?> source) {
            return list(source.toArray(), where, depth);
        }
        if (value instanceof Object[] array) {
            return list(array, where, depth);
        }
        throw new IllegalArgumentException("a structured reading holds records, maps, lists, text, numbers, booleans "
                + "and null, not " + value.getClass().getName() + " (at " + where + ")");
    }

    private static List<Object> list(Object[] items, String where, int depth) {
        List<Object> list = new ArrayList<>(items.length);
        for (int i = 0; i < items.length; i++) {
            list.add(normalise(items[i], where + "[" + i + "]", depth + 1));
        }
        return Collections.unmodifiableList(list);
    }

    private static Double finite(double d, String where) {
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("a structured reading must hold finite numbers, not " + d + " at "
                    + where);
        }
        return d;
    }

    /** A record of a plugin's own package may not be public: its accessor is opened for this one read. */
    private static Object component(Record record, RecordComponent component) {
        Method accessor = component.getAccessor();
        try {
            accessor.setAccessible(true);
            return accessor.invoke(record);
        } catch (IllegalAccessException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read " + component.getName() + " of "
                    + record.getClass().getName() + ": " + e, e);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("reading " + component.getName() + " of "
                    + record.getClass().getName() + " failed: " + e.getCause(), e.getCause());
        }
    }
}
