package org.lampyris.management.config;

import java.lang.reflect.Array;
import java.util.List;

import org.osgi.service.metatype.AttributeDefinition;

/**
 * Turns a JSON value into the Java value a metatype attribute describes, and checks it with the attribute's own
 * validation (range, options). The messages say what was given and what is accepted.
 */
final class MetatypeValues {
    private MetatypeValues() {
    }

    /**
     * @return the value as Configuration Admin stores it: a scalar, or an array for a multi-valued attribute
     * @throws IllegalArgumentException naming what is wrong
     */
    static Object convert(AttributeDefinition ad, Object json) {
        if (json == null) {
            throw new IllegalArgumentException("null is not a value; give " + describe(ad));
        }
        int cardinality = ad.getCardinality();
        if (cardinality == 0) {
            if (json instanceof List<?>) {
                throw new IllegalArgumentException("takes one value (" + describe(ad) + "), not a list");
            }
            return scalar(ad, json);
        }
        List<?> items = json instanceof List<?> list ? list : List.of(json);
        int max = Math.abs(cardinality);
        if (max != Integer.MAX_VALUE && items.size() > max) {
            throw new IllegalArgumentException("takes at most " + max + " values, got " + items.size());
        }
        Object array = Array.newInstance(javaType(ad.getType()), items.size());
        for (int i = 0; i < items.size(); i++) {
            Array.set(array, i, scalar(ad, items.get(i)));
        }
        return array;
    }

    private static Object scalar(AttributeDefinition ad, Object json) {
        Object value = switch (ad.getType()) {
            case AttributeDefinition.STRING, AttributeDefinition.PASSWORD -> {
                if (!(json instanceof String s)) {
                    throw new IllegalArgumentException("takes text, got " + json);
                }
                yield s;
            }
            case AttributeDefinition.BOOLEAN -> {
                if (!(json instanceof Boolean b)) {
                    throw new IllegalArgumentException("takes true or false, got " + json);
                }
                yield b;
            }
            case AttributeDefinition.INTEGER -> (int) whole(json, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case AttributeDefinition.LONG -> whole(json, Long.MIN_VALUE, Long.MAX_VALUE);
            case AttributeDefinition.SHORT -> (short) whole(json, Short.MIN_VALUE, Short.MAX_VALUE);
            case AttributeDefinition.BYTE -> (byte) whole(json, Byte.MIN_VALUE, Byte.MAX_VALUE);
            case AttributeDefinition.DOUBLE -> number(json);
            case AttributeDefinition.FLOAT -> (float) number(json);
            case AttributeDefinition.CHARACTER -> {
                if (!(json instanceof String s) || s.length() != 1) {
                    throw new IllegalArgumentException("takes one character, got " + json);
                }
                yield s.charAt(0);
            }
            default -> throw new IllegalArgumentException("has a type (" + ad.getType()
                    + ") that cannot be set remotely");
        };
        String problem = ad.validate(String.valueOf(value));
        if (problem != null && !problem.isEmpty()) {
            throw new IllegalArgumentException(value + " is not accepted: " + problem + " (" + describe(ad) + ")");
        }
        return value;
    }

    private static long whole(Object json, long min, long max) {
        if (!(json instanceof Long l)) {
            throw new IllegalArgumentException("takes a whole number, got " + json);
        }
        if (l < min || l > max) {
            throw new IllegalArgumentException(l + " is out of range " + min + " to " + max);
        }
        return l;
    }

    private static double number(Object json) {
        if (!(json instanceof Number n)) {
            throw new IllegalArgumentException("takes a number, got " + json);
        }
        return n.doubleValue();
    }

    private static Class<?> javaType(int type) {
        return switch (type) {
            case AttributeDefinition.BOOLEAN -> Boolean.class;
            case AttributeDefinition.INTEGER -> Integer.class;
            case AttributeDefinition.LONG -> Long.class;
            case AttributeDefinition.SHORT -> Short.class;
            case AttributeDefinition.BYTE -> Byte.class;
            case AttributeDefinition.DOUBLE -> Double.class;
            case AttributeDefinition.FLOAT -> Float.class;
            case AttributeDefinition.CHARACTER -> Character.class;
            default -> String.class;
        };
    }

    private static String describe(AttributeDefinition ad) {
        String type = switch (ad.getType()) {
            case AttributeDefinition.BOOLEAN -> "true or false";
            case AttributeDefinition.INTEGER, AttributeDefinition.LONG, AttributeDefinition.SHORT,
                    AttributeDefinition.BYTE -> "a whole number";
            case AttributeDefinition.DOUBLE, AttributeDefinition.FLOAT -> "a number";
            default -> "text";
        };
        String[] options = ad.getOptionValues();
        if (options != null && options.length > 0) {
            type = "one of " + String.join(", ", options);
        }
        return ad.getCardinality() == 0 ? type : "a list of " + type;
    }
}
