package org.lampyris.coap.format;

import org.lampyris.internal.json.Json;
import org.lampyris.internal.json.JsonException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import org.lampyris.api.point.Reading;
import org.lampyris.api.point.ValueKind;

/**
 * Decodes the value a client writes to a point. Stateless and thread-safe.
 * <ul>
 * <li>{@code text/plain}: for a number, a decimal number such as {@code 30}, {@code -2.5} or {@code 1e3}, surrounding
 * whitespace ignored ({@code NaN}, infinities and hexadecimal are refused); for a boolean, {@code true}, {@code false},
 * {@code 1} or {@code 0}, in any case, surrounding whitespace ignored; for text, the payload as is.</li>
 * <li>{@code application/json}: a bare value ({@code 30}, {@code true}, {@code "C"}) or an object with a
 * {@code value} member, such as what a GET in JSON returns; its other members are ignored, except that a
 * {@code unit} different from the point's is refused.</li>
 * <li>{@code application/cbor}: a bare CBOR value of the point's kind.</li>
 * <li>{@code application/senml+json} and {@code application/senml+cbor} (RFC 8428): a pack of exactly one record
 * with the value in {@code v} (plus {@code bv} if given) for a number, {@code vb} for a boolean, {@code vs} for text.
 * Names and times are ignored; a unit ({@code u}, else {@code bu}) different from the point's is refused, as is a
 * field ending in {@code _} (RFC 8428 section 4.4: must-understand).</li>
 * </ul>
 * A payload larger than {@value #MAX_PAYLOAD} bytes is refused. The messages of the exceptions are meant for the
 * client.
 */
public final class PayloadReader {
    /** The largest payload accepted for a written value, in bytes. */
    public static final int MAX_PAYLOAD = 1024;

    /** A decimal number: no NaN, no Infinity, no hexadecimal, no Java suffixes such as {@code d}. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private PayloadReader() {
    }

    /**
     * Decodes a written value without checking units.
     *
     * @see #read(ValueKind, String, int, byte[], Instant)
     */
    public static Reading read(ValueKind kind, int contentFormat, byte[] payload, Instant time)
            throws BadPayloadException, UnsupportedFormatException {
        return read(kind, null, contentFormat, payload, time);
    }

    /**
     * Decodes a written value.
     *
     * @param kind the kind of the point's value
     * @param unit the point's unit (empty when unitless), against which a unit in the payload is checked; null not
     *            to check
     * @param contentFormat the Content-Format of the request, negative when it carried none
     * @param payload the request payload
     * @param time the time to stamp the reading with
     * @return the value, of the given kind, at the given time
     * @throws UnsupportedFormatException if the content format is not one of {@link MediaTypes#POINT_FORMATS} (answer
     *             4.15)
     * @throws BadPayloadException if the payload is empty, too large, malformed or of the wrong kind (answer 4.00
     *             with the message)
     */
    public static Reading read(ValueKind kind, String unit, int contentFormat, byte[] payload, Instant time)
            throws BadPayloadException, UnsupportedFormatException {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(time, "time");
        if (!MediaTypes.isPointFormat(contentFormat)) {
            throw new UnsupportedFormatException(contentFormat);
        }
        if (payload == null || payload.length == 0) {
            throw new BadPayloadException("payload is empty");
        }
        if (payload.length > MAX_PAYLOAD) {
            throw new BadPayloadException(
                    "payload is too large: " + payload.length + " bytes, at most " + MAX_PAYLOAD);
        }
        Object value = switch (contentFormat) {
            case MediaTypes.TEXT_PLAIN -> fromText(kind, decodeUtf8(payload, "text/plain"));
            case MediaTypes.JSON -> fromJson(kind, unit, parseJson(payload));
            case MediaTypes.CBOR -> fromJsonValue(kind, Cbor.decode(payload), null);
            case MediaTypes.SENML_JSON -> fromSenml(kind, unit, parseJson(payload), "JSON array", "JSON object");
            case MediaTypes.SENML_CBOR -> fromSenml(kind, unit, Cbor.decode(payload), "CBOR array", "CBOR map");
            default -> throw new UnsupportedFormatException(contentFormat);
        };
        return new Reading(value, time);
    }

    // ---------------------------------------------------------------------------------------------------- text/plain

    private static Object fromText(ValueKind kind, String text) throws BadPayloadException {
        switch (kind) {
            case NUMBER: {
                String s = text.strip();
                if (!DECIMAL.matcher(s).matches()) {
                    throw new BadPayloadException("expected a number, got " + shown(text));
                }
                double d = Double.parseDouble(s);
                if (!Double.isFinite(d)) {
                    throw new BadPayloadException("number " + shown(s) + " is out of range");
                }
                return d;
            }
            case BOOLEAN: {
                String s = text.strip().toLowerCase(Locale.ROOT);
                switch (s) {
                    case "true", "1":
                        return Boolean.TRUE;
                    case "false", "0":
                        return Boolean.FALSE;
                    default:
                        throw new BadPayloadException("expected true or false, got " + shown(text));
                }
            }
            default:
                return text;
        }
    }

    // ---------------------------------------------------------------------------------------------------- JSON

    private static Object fromJson(ValueKind kind, String unit, Object json) throws BadPayloadException {
        if (json instanceof Map<?, ?> object) {
            if (!object.containsKey("value")) {
                throw new BadPayloadException("JSON object has no \"value\" member");
            }
            Object u = object.get("unit");
            if (u != null) {
                if (!(u instanceof String s)) {
                    throw new BadPayloadException("\"unit\" must be a string, got " + describe(u));
                }
                checkUnit(unit, s);
            }
            return fromJsonValue(kind, object.get("value"), "\"value\"");
        }
        return fromJsonValue(kind, json, null);
    }

    private static Object fromJsonValue(ValueKind kind, Object value, String where) throws BadPayloadException {
        String in = where == null ? "" : " in " + where;
        switch (kind) {
            case NUMBER:
                if (value instanceof Number n) {
                    return finite(n.doubleValue());
                }
                throw new BadPayloadException("expected a number" + in + ", got " + describe(value));
            case BOOLEAN:
                if (value instanceof Boolean b) {
                    return b;
                }
                throw new BadPayloadException("expected true or false" + in + ", got " + describe(value));
            default:
                if (value instanceof String s) {
                    return s;
                }
                throw new BadPayloadException("expected a string" + in + ", got " + describe(value));
        }
    }

    // ---------------------------------------------------------------------------------------------------- SenML

    private static Object fromSenml(ValueKind kind, String unit, Object pack, String arrayName, String recordName)
            throws BadPayloadException {
        if (!(pack instanceof List<?> records)) {
            throw new BadPayloadException("a SenML pack must be a " + arrayName + " of records, got "
                    + describe(pack));
        }
        if (records.size() != 1) {
            throw new BadPayloadException("a SenML pack written to a point must hold exactly one record, got "
                    + records.size());
        }
        if (!(records.get(0) instanceof Map<?, ?> raw)) {
            throw new BadPayloadException("a SenML record must be a " + recordName + ", got "
                    + describe(records.get(0)));
        }
        Map<String, Object> record = fieldNames(raw);
        for (String field : record.keySet()) {
            if (field.endsWith("_")) {
                throw new BadPayloadException("SenML field \"" + field + "\" must be understood but is not supported");
            }
        }
        String recordUnit = record.containsKey(Senml.UNIT) ? textField(record, Senml.UNIT)
                : record.containsKey(Senml.BASE_UNIT) ? textField(record, Senml.BASE_UNIT) : null;
        if (recordUnit != null) {
            checkUnit(unit, recordUnit);
        }
        List<String> valueFields = new ArrayList<>();
        for (String field : List.of(Senml.VALUE, Senml.BOOLEAN_VALUE, Senml.STRING_VALUE, Senml.DATA_VALUE)) {
            if (record.containsKey(field)) {
                valueFields.add(field);
            }
        }
        String expected = switch (kind) {
            case NUMBER -> Senml.VALUE;
            case BOOLEAN -> Senml.BOOLEAN_VALUE;
            case TEXT, STRUCTURED -> Senml.STRING_VALUE;
        };
        String takes = switch (kind) {
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case TEXT, STRUCTURED -> "a string";
        };
        if (valueFields.size() > 1) {
            throw new BadPayloadException("SenML record has more than one value field: "
                    + String.join(", ", valueFields.stream().map(f -> "\"" + f + "\"").toList()));
        }
        if (valueFields.isEmpty()) {
            if (kind == ValueKind.NUMBER && record.containsKey(Senml.BASE_VALUE)) {
                return finite(numberField(record, Senml.BASE_VALUE));
            }
            throw new BadPayloadException("SenML record has no value; this point takes " + takes + " in \""
                    + expected + "\"");
        }
        String field = valueFields.get(0);
        if (!field.equals(expected)) {
            throw new BadPayloadException("SenML record has \"" + field + "\" but this point takes " + takes
                    + " in \"" + expected + "\"");
        }
        switch (kind) {
            case NUMBER: {
                double v = numberField(record, Senml.VALUE);
                if (record.containsKey(Senml.BASE_VALUE)) {
                    v += numberField(record, Senml.BASE_VALUE);
                }
                return finite(v);
            }
            case BOOLEAN: {
                Object v = record.get(Senml.BOOLEAN_VALUE);
                if (v instanceof Boolean b) {
                    return b;
                }
                throw new BadPayloadException("SenML \"vb\" must be true or false, got " + describe(v));
            }
            default:
                return textField(record, Senml.STRING_VALUE);
        }
    }

    /** @return the record with CBOR integer labels replaced by the field names of RFC 8428 */
    private static Map<String, Object> fieldNames(Map<?, ?> raw) throws BadPayloadException {
        Map<String, Object> record = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : raw.entrySet()) {
            String name;
            if (e.getKey() instanceof String s) {
                name = s;
            } else if (e.getKey() instanceof Long label) {
                name = Senml.field(label);
                if (name == null) {
                    name = "label " + label; // not defined by RFC 8428: ignored, like an unknown field
                }
            } else {
                throw new BadPayloadException("a SenML record key must be a label or a string, got "
                        + describe(e.getKey()));
            }
            if (record.containsKey(name)) {
                throw new BadPayloadException("SenML field \"" + name + "\" appears twice");
            }
            record.put(name, e.getValue());
        }
        return record;
    }

    private static double numberField(Map<String, Object> record, String field) throws BadPayloadException {
        Object v = record.get(field);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new BadPayloadException("SenML \"" + field + "\" must be a number, got " + describe(v));
    }

    private static String textField(Map<String, Object> record, String field) throws BadPayloadException {
        Object v = record.get(field);
        if (v instanceof String s) {
            return s;
        }
        throw new BadPayloadException("SenML \"" + field + "\" must be a string, got " + describe(v));
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    private static void checkUnit(String pointUnit, String given) throws BadPayloadException {
        if (pointUnit != null && !pointUnit.equals(given)) {
            throw new BadPayloadException("unit " + Json.quote(given) + " does not match the point's unit "
                    + (pointUnit.isEmpty() ? "(none)" : Json.quote(pointUnit)));
        }
    }

    private static double finite(double d) throws BadPayloadException {
        if (!Double.isFinite(d)) {
            throw new BadPayloadException("expected a finite number, got " + d);
        }
        return d;
    }

    /** @return text for a message: quoted, escaped, cut at 40 characters */
    private static String shown(String text) {
        return Json.quote(text.length() <= 40 ? text : text.substring(0, 40) + "...");
    }

    /** @return a decoded JSON or CBOR value for a message: {@code "abc"}, {@code 30}, {@code true}, an array */
    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return shown(s);
        }
        if (value instanceof Double d) {
            return Double.isFinite(d) ? Json.number(d) : d.toString();
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof List<?>) {
            return "an array";
        }
        if (value instanceof Map<?, ?>) {
            return "an object";
        }
        if (value instanceof byte[]) {
            return "a byte string";
        }
        return value.getClass().getSimpleName();
    }

    /** Strict UTF-8, as {@link Json#decodeUtf8}, refused as a bad payload. */
    static String decodeUtf8(byte[] bytes, String what) throws BadPayloadException {
        try {
            return Json.decodeUtf8(bytes, what);
        } catch (JsonException e) {
            throw new BadPayloadException(e.getMessage());
        }
    }

    private static Object parseJson(byte[] payload) throws BadPayloadException {
        try {
            return Json.parse(payload);
        } catch (JsonException e) {
            throw new BadPayloadException(e.getMessage());
        }
    }
}
