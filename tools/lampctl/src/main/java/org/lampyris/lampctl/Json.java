package org.lampyris.lampctl;

import java.util.Map;

import org.lampyris.internal.json.JsonException;

/**
 * Reads what /mgmt answers with the platform's strict JSON codec ({@link org.lampyris.internal.json.Json}): objects become
 * {@link Map}s in their order, arrays lists, integers {@link Long}s, other numbers {@link Double}s.
 */
final class Json {
    private Json() {
    }

    /** @throws IllegalArgumentException naming the position where the text stops being JSON */
    static Object parse(String text) {
        try {
            return org.lampyris.internal.json.Json.parse(text);
        } catch (JsonException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** @return the member of an object as text, or null when it is absent or the value is not an object */
    static String member(Object object, String name) {
        if (object instanceof Map<?, ?> map) {
            Object v = map.get(name);
            if (v instanceof Double d && d == Math.rint(d)) {
                return Long.toString(d.longValue());
            }
            return v == null ? null : v.toString();
        }
        return null;
    }

}
