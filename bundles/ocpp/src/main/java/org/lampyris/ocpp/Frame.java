package org.lampyris.ocpp;

import java.util.List;
import java.util.Map;

import org.lampyris.internal.json.Json;
import org.lampyris.internal.json.JsonException;

/**
 * One OCPP-J message (OCPP 1.6 JSON, section 4): a call {@code [2, id, action, payload]}, its result
 * {@code [3, id, payload]} or its error {@code [4, id, code, description, details]}.
 */
sealed interface Frame {

    /** @return the message id that pairs a call with its answer */
    String id();

    /** A request, from either side. */
    record Call(String id, String action, Map<String, Object> payload) implements Frame {
    }

    /** The answer to a call that was carried out. */
    record Result(String id, Map<String, Object> payload) implements Frame {
    }

    /** The answer to a call that was not: an OCPP-J error code and a description. */
    record Error(String id, String code, String description) implements Frame {
    }

    /** @return the message as it goes on the wire */
    default String text() {
        if (this instanceof Call c) {
            return Json.write(List.of(2, c.id(), c.action(), c.payload()));
        }
        if (this instanceof Result r) {
            return Json.write(List.of(3, r.id(), r.payload()));
        }
        Error e = (Error) this;
        return Json.write(List.of(4, e.id(), e.code(), e.description(), Map.of()));
    }

    /**
     * Reads a message.
     *
     * @throws BadFrame saying what is wrong and, where the message id could be read, with it, so that a call is
     *         answered with a CALLERROR
     */
    static Frame parse(String text) throws BadFrame {
        Object value;
        try {
            value = Json.parse(text);
        } catch (JsonException e) {
            throw new BadFrame(null, "FormationViolation", e.getMessage());
        }
        if (!(value instanceof List<?> list) || list.size() < 3 || !(list.get(0) instanceof Long type)
                || !(list.get(1) instanceof String id)) {
            throw new BadFrame(null, "FormationViolation", "not an OCPP-J message [type, id, ...]");
        }
        switch (type.intValue()) {
            case 2 -> {
                if (list.size() != 4 || !(list.get(2) instanceof String action)) {
                    throw new BadFrame(id, "FormationViolation", "a CALL is [2, id, action, payload]");
                }
                return new Call(id, action, object(id, list.get(3)));
            }
            case 3 -> {
                return new Result(id, object(id, list.get(2)));
            }
            case 4 -> {
                if (list.size() < 4 || !(list.get(2) instanceof String code)) {
                    throw new BadFrame(id, "FormationViolation", "a CALLERROR is [4, id, code, description, details]");
                }
                return new Error(id, code, String.valueOf(list.get(3)));
            }
            default -> throw new BadFrame(id, "FormationViolation", "unknown message type " + type);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(String id, Object payload) throws BadFrame {
        if (payload instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new BadFrame(id, "FormationViolation", "the payload is not a JSON object");
    }

    /** A message that could not be read. */
    final class BadFrame extends Exception {
        private static final long serialVersionUID = 1L;
        private final String id;
        private final String code;

        BadFrame(String id, String code, String message) {
            super(message);
            this.id = id;
            this.code = code;
        }

        /** @return the message id, if it could be read; null otherwise */
        String messageId() {
            return id;
        }

        /** @return the OCPP-J error code to answer with */
        String code() {
            return code;
        }
    }
}
