package org.lampyris.ocpp;

import java.util.List;
import java.util.Map;

/**
 * A call from the CSMS that is not carried out, with the OCPP-J error code (OCPP-J 1.6, 4.2.3) and a description to
 * answer it with. Also reads the fields of a call's payload, refusing a missing or ill-typed one.
 */
final class CallError extends Exception {
    private static final long serialVersionUID = 1L;
    private final String code;

    CallError(String code, String description) {
        super(description);
        this.code = code;
    }

    /** @return the OCPP-J error code */
    String code() {
        return code;
    }

    /** @return a required string field, at most {@code max} characters */
    static String string(Map<String, Object> payload, String name, int max) throws CallError {
        Object value = payload.get(name);
        if (value == null) {
            throw new CallError("OccurenceConstraintViolation", name + " is required");
        }
        if (!(value instanceof String s)) {
            throw new CallError("TypeConstraintViolation", name + " must be a string");
        }
        if (s.length() > max) {
            throw new CallError("PropertyConstraintViolation", name + " is at most " + max + " characters");
        }
        return s;
    }

    /** @return an integer field; null if it is absent and not required */
    static Long integer(Map<String, Object> payload, String name, boolean required) throws CallError {
        Object value = payload.get(name);
        if (value == null) {
            if (required) {
                throw new CallError("OccurenceConstraintViolation", name + " is required");
            }
            return null;
        }
        if (!(value instanceof Long n)) {
            throw new CallError("TypeConstraintViolation", name + " must be an integer");
        }
        return n;
    }

    /** @return a list of strings; empty if it is absent */
    static List<String> strings(Map<String, Object> payload, String name) throws CallError {
        Object value = payload.get(name);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw new CallError("TypeConstraintViolation", name + " must be an array of strings");
        }
        return list.stream().map(String.class::cast).toList();
    }

    /** @return a number field; null if it is absent and not required */
    static Double number(Map<String, Object> payload, String name, boolean required) throws CallError {
        Object value = payload.get(name);
        if (value == null) {
            if (required) {
                throw new CallError("OccurenceConstraintViolation", name + " is required");
            }
            return null;
        }
        if (!(value instanceof Number n)) {
            throw new CallError("TypeConstraintViolation", name + " must be a number");
        }
        return n.doubleValue();
    }

    /** @return a required object field */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Map<String, Object> payload, String name) throws CallError {
        Object value = payload.get(name);
        if (value == null) {
            throw new CallError("OccurenceConstraintViolation", name + " is required");
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new CallError("TypeConstraintViolation", name + " must be an object");
        }
        return (Map<String, Object>) map;
    }

    /** @return a date-time field; null if it is absent */
    static java.time.Instant instant(Map<String, Object> payload, String name) throws CallError {
        Object value = payload.get(name);
        if (value == null) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse((String) value).toInstant();
        } catch (ClassCastException | java.time.format.DateTimeParseException e) {
            throw new CallError("TypeConstraintViolation", name + " must be a date-time such as 2026-12-21T17:00:00Z");
        }
    }

    /** @return one of a field's allowed values; null if it is absent and not required */
    static String oneOf(Map<String, Object> payload, String name, boolean required, List<String> allowed)
            throws CallError {
        if (payload.get(name) == null && !required) {
            return null;
        }
        String value = string(payload, name, 50);
        if (!allowed.contains(value)) {
            throw new CallError("PropertyConstraintViolation", name + " must be one of " + allowed);
        }
        return value;
    }
}
