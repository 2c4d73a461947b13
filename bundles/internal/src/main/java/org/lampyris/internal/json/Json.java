package org.lampyris.internal.json;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON codec (RFC 8259), plain JDK, shared by the platform's bundles (embedded in each that needs it, never exported).
 * <p>
 * {@link #parse} yields {@code Map<String, Object>} ({@link LinkedHashMap}, in document order), {@code List<Object>},
 * {@link String}, {@link Long} (an integer without fraction or exponent that fits in a long), {@link Double} (any
 * other number), {@link Boolean} or {@code null}. It refuses anything RFC 8259 does not allow (comments, trailing
 * commas, single quotes, leading zeros, {@code NaN}, unescaped control characters, trailing content), duplicate
 * member names, numbers out of the range of a double, and nesting deeper than {@value #MAX_DEPTH}. Its errors read
 * {@code invalid JSON at offset N: ...}, the offset counting characters from 0.
 */
public final class Json {
    /** The deepest nesting of arrays and objects that {@link #parse} accepts. */
    public static final int MAX_DEPTH = 32;

    private final String text;
    private int pos;
    private int depth;

    private Json(String text) {
        this.text = text;
    }

    /**
     * @param utf8 a JSON text in UTF-8
     * @return the value
     * @throws JsonException if it is not valid UTF-8 or not a single valid JSON value
     */
    public static Object parse(byte[] utf8) throws JsonException {
        return parse(decodeUtf8(utf8, "JSON"));
    }

    /**
     * @param text a JSON text
     * @return the value
     * @throws JsonException if it is not a single valid JSON value
     */
    public static Object parse(String text) throws JsonException {
        Json parser = new Json(text);
        parser.skipWhitespace();
        Object value = parser.value();
        parser.skipWhitespace();
        if (parser.pos < text.length()) {
            throw parser.error("unexpected " + parser.describeCurrent() + " after the value");
        }
        return value;
    }

    private Object value() throws JsonException {
        if (pos >= text.length()) {
            throw error("expected a value, got the end of the input");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("expected a value, got " + describeCurrent());
        }
    }

    private Object literal(String word, Object value) throws JsonException {
        if (!text.startsWith(word, pos)) {
            throw error("expected a value, got " + describeCurrent());
        }
        pos += word.length();
        return value;
    }

    private Map<String, Object> object() throws JsonException {
        enter();
        pos++; // {
        Map<String, Object> map = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            depth--;
            return map;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("expected a member name in double quotes, got " + describeCurrent());
            }
            int nameAt = pos;
            String name = string();
            skipWhitespace();
            expect(':', "':' after a member name");
            skipWhitespace();
            Object value = value();
            if (map.containsKey(name)) {
                throw new JsonException(
                        "invalid JSON at offset " + nameAt + ": duplicate member " + quote(name));
            }
            map.put(name, value);
            skipWhitespace();
            if (peek() == ',') {
                pos++;
            } else if (peek() == '}') {
                pos++;
                depth--;
                return map;
            } else {
                throw error("expected ',' or '}' in an object, got " + describeCurrent());
            }
        }
    }

    private List<Object> array() throws JsonException {
        enter();
        pos++; // [
        List<Object> list = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            depth--;
            return list;
        }
        while (true) {
            skipWhitespace();
            list.add(value());
            skipWhitespace();
            if (peek() == ',') {
                pos++;
            } else if (peek() == ']') {
                pos++;
                depth--;
                return list;
            } else {
                throw error("expected ',' or ']' in an array, got " + describeCurrent());
            }
        }
    }

    private void enter() throws JsonException {
        if (++depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH);
        }
    }

    private String string() throws JsonException {
        int start = pos;
        pos++; // "
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw new JsonException("invalid JSON at offset " + start + ": unterminated string");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return sb.toString();
            }
            if (c < 0x20) {
                throw error("unescaped control character " + String.format("U+%04X", (int) c) + " in a string");
            }
            if (c != '\\') {
                sb.append(c);
                pos++;
                continue;
            }
            int escapeAt = pos;
            pos++;
            if (pos >= text.length()) {
                throw new JsonException("invalid JSON at offset " + start + ": unterminated string");
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '"' -> sb.append('"');
                case '\\' -> sb.append('\\');
                case '/' -> sb.append('/');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    int code = 0;
                    for (int i = 0; i < 4; i++) {
                        int digit = pos < text.length() ? Character.digit(text.charAt(pos), 16) : -1;
                        if (digit < 0) {
                            throw new JsonException("invalid JSON at offset " + escapeAt
                                    + ": \\u must be followed by four hexadecimal digits");
                        }
                        code = code * 16 + digit;
                        pos++;
                    }
                    sb.append((char) code);
                }
                default -> throw new JsonException("invalid JSON at offset " + escapeAt
                        + ": invalid escape " + quote("\\" + e));
            }
        }
    }

    private Number number() throws JsonException {
        int start = pos;
        boolean integral = true;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
            if (isDigit(peek())) {
                throw error("leading zeros are not allowed in a number");
            }
        } else if (isDigit(peek())) {
            digits();
        } else {
            throw error("expected a digit, got " + describeCurrent());
        }
        if (peek() == '.') {
            integral = false;
            pos++;
            if (!isDigit(peek())) {
                throw error("expected a digit after '.', got " + describeCurrent());
            }
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            integral = false;
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw error("expected a digit in the exponent, got " + describeCurrent());
            }
            digits();
        }
        String literal = text.substring(start, pos);
        if (integral) {
            try {
                return Long.parseLong(literal);
            } catch (NumberFormatException tooBig) {
                // falls through to a double
            }
        }
        double d = Double.parseDouble(literal);
        if (Double.isInfinite(d)) {
            throw new JsonException("invalid JSON at offset " + start + ": number " + abbreviate(literal)
                    + " is out of range");
        }
        return d;
    }

    private void digits() {
        while (isDigit(peek())) {
            pos++;
        }
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private void expect(char c, String what) throws JsonException {
        if (peek() != c) {
            throw error("expected " + what + ", got " + describeCurrent());
        }
        pos++;
    }

    /** @return the current character, or -1 at the end */
    private int peek() {
        return pos < text.length() ? text.charAt(pos) : -1;
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private String describeCurrent() {
        if (pos >= text.length()) {
            return "the end of the input";
        }
        char c = text.charAt(pos);
        if (c < 0x20 || c > 0x7e) {
            return String.format("U+%04X", (int) c);
        }
        return "'" + c + "'";
    }

    private JsonException error(String message) {
        return new JsonException("invalid JSON at offset " + pos + ": " + message);
    }

    private static String abbreviate(String s) {
        return s.length() <= 32 ? s : s.substring(0, 32) + "...";
    }

    /**
     * Decodes strict UTF-8.
     *
     * @param what the format, for the message
     */
    public static String decodeUtf8(byte[] bytes, String what) throws JsonException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            CharBuffer out = decoder.decode(in);
            return out.toString();
        } catch (CharacterCodingException e) {
            throw new JsonException(what + " payload is not valid UTF-8");
        }
    }

    // ---------------------------------------------------------------------------------------------------- writing

    /**
     * Writes a value as compact JSON.
     *
     * @param value a {@code Map} with string keys, a {@code Collection}, a {@code String}, a {@code Number}, a
     *            {@code Boolean} or {@code null}, nested as deep as needed
     * @return the JSON text
     * @throws IllegalArgumentException for a non-finite number, a non-string key or another type of value
     */
    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(value, sb);
        return sb.toString();
    }

    private static void write(Object value, StringBuilder sb) {
        if (value == null) {
            sb.append("null");
        } else if (value instanceof String s) {
            quote(s, sb);
        } else if (value instanceof Boolean b) {
            sb.append(b.booleanValue());
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte) {
            sb.append(((Number) value).longValue());
        } else if (value instanceof Number n) {
            sb.append(number(n.doubleValue()));
        } else if (value instanceof Map<?, ?> map) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new IllegalArgumentException("a JSON member name must be a string, not " + e.getKey());
                }
                if (!first) {
                    sb.append(',');
                }
                first = false;
                quote(key, sb);
                sb.append(':');
                write(e.getValue(), sb);
            }
            sb.append('}');
        } else if (value instanceof Collection<?> list) {
            sb.append('[');
            boolean first = true;
            for (Object item : list) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                write(item, sb);
            }
            sb.append(']');
        } else {
            throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as JSON");
        }
    }

    /**
     * Formats a number as JSON: an integral value without a fraction ({@code 30}, not {@code 30.0}), any other in
     * the shortest form that reads back as the same double ({@code 0.1}, {@code 1.0E-7}).
     *
     * @throws IllegalArgumentException for NaN or an infinity, which JSON cannot represent
     */
    public static String number(double d) {
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("JSON cannot represent " + d);
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }

    /**
     * @return the string as a JSON string literal, in double quotes, with {@code "}, {@code \} and control
     *         characters escaped ({@code \n}, {@code \t}, ... or &#92;u00XX), as well as U+2028, U+2029 and
     *         unpaired surrogates (which UTF-8 cannot carry)
     */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        quote(s, sb);
        return sb.toString();
    }

    private static void quote(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                        unicodeEscape(c, sb);
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        sb.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        unicodeEscape(c, sb);
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    private static void unicodeEscape(char c, StringBuilder sb) {
        sb.append(String.format("\\u%04x", (int) c));
    }
}
