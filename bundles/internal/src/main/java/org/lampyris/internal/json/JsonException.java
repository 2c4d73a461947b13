package org.lampyris.internal.json;

/**
 * A text that is not the JSON asked for; the message says where and why: {@code invalid JSON at offset 7: ...}.
 */
public class JsonException extends Exception {
    private static final long serialVersionUID = 1L;

    public JsonException(String message) {
        super(message);
    }
}
