package org.lampyris.counting;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict reader of the JSON the tests need to check (RFC 8259 objects, arrays, strings without escapes other than
 * the simple ones, integers, true, false, null): enough to prove a document well-formed and look into it, since no
 * JSON library is on the class path. Objects become maps, arrays lists, integers longs.
 */
final class JsonReader {
    private final String text;
    private int at;

    private JsonReader(String text) {
        this.text = text;
    }

    /** @throws IllegalArgumentException where the text is not well-formed JSON */
    static Object parse(String text) {
        JsonReader reader = new JsonReader(text);
        Object value = reader.value();
        reader.skipSpace();
        if (reader.at != text.length()) {
            throw reader.error("end of document");
        }
        return value;
    }

    private Object value() {
        skipSpace();
        if (at >= text.length()) {
            throw error("a value");
        }
        char c = text.charAt(at);
        if (c == '{') {
            return object();
        } else if (c == '[') {
            return array();
        } else if (c == '"') {
            return string();
        } else if (c == '-' || Character.isDigit(c)) {
            return number();
        }
        for (String literal : new String[] { "true", "false", "null" }) {
            if (text.startsWith(literal, at)) {
                at += literal.length();
                return literal.equals("null") ? null : Boolean.valueOf(literal);
            }
        }
        throw error("a value");
    }

    private Map<String, Object> object() {
        Map<String, Object> members = new LinkedHashMap<>();
        expect('{');
        skipSpace();
        if (peek('}')) {
            at++;
            return members;
        }
        do {
            skipSpace();
            String name = string();
            if (members.containsKey(name)) {
                throw error("no duplicate member " + name);
            }
            skipSpace();
            expect(':');
            members.put(name, value());
            skipSpace();
        } while (consume(','));
        expect('}');
        return members;
    }

    private List<Object> array() {
        List<Object> elements = new ArrayList<>();
        expect('[');
        skipSpace();
        if (peek(']')) {
            at++;
            return elements;
        }
        do {
            elements.add(value());
            skipSpace();
        } while (consume(','));
        expect(']');
        return elements;
    }

    private String string() {
        expect('"');
        StringBuilder s = new StringBuilder();
        while (at < text.length() && text.charAt(at) != '"') {
            char c = text.charAt(at++);
            if (c == '\\') {
                char escaped = text.charAt(at++);
                s.append(switch (escaped) {
                case '"', '\\', '/' -> escaped;
                case 'n' -> '\n';
                case 't' -> '\t';
                default -> throw error("a simple escape");
                });
            } else if (c < 0x20) {
                throw error("no control character in a string");
            } else {
                s.append(c);
            }
        }
        expect('"');
        return s.toString();
    }

    private Long number() {
        int start = at;
        if (peek('-')) {
            at++;
        }
        while (at < text.length() && Character.isDigit(text.charAt(at))) {
            at++;
        }
        String digits = text.substring(start, at);
        if (digits.isEmpty() || digits.equals("-") || digits.matches("-?0\\d+")) {
            throw error("an integer");
        }
        return Long.valueOf(digits);
    }

    private void skipSpace() {
        while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
    }

    private boolean peek(char c) {
        return at < text.length() && text.charAt(at) == c;
    }

    private boolean consume(char c) {
        if (peek(c)) {
            at++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!consume(c)) {
            throw error("'" + c + "'");
        }
    }

    private IllegalArgumentException error(String expected) {
        return new IllegalArgumentException("expected " + expected + " at " + at + " in " + text);
    }
}
