package org.lampyris.api.management;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The answer to a {@link ManagementRequest}.
 *
 * @param code the CoAP response code as class times 100 plus detail: {@code 205} for 2.05 Content, {@code 400} for
 *        4.00 Bad Request, {@code 409} for 4.09 Conflict
 * @param contentFormat the CoAP Content-Format of the body: {@value #TEXT} or {@value #JSON}
 * @param body the body; for an error, a reason a person can act on
 */
public record ManagementResponse(int code, int contentFormat, byte[] body) {
    /** Content-Format {@code text/plain; charset=utf-8}. */
    public static final int TEXT = 0;
    /** Content-Format {@code application/json}. */
    public static final int JSON = 50;

    public ManagementResponse {
        if (code < 200 || code > 599 || code % 100 > 31) {
            throw new IllegalArgumentException("not a CoAP response code: " + code);
        }
        Objects.requireNonNull(body, "body");
    }

    /** @return an answer with a JSON body */
    public static ManagementResponse json(int code, String json) {
        return new ManagementResponse(code, JSON, json.getBytes(StandardCharsets.UTF_8));
    }

    /** @return an answer with a text body, such as the reason for a refusal */
    public static ManagementResponse text(int code, String text) {
        return new ManagementResponse(code, TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** @return the body as UTF-8 text */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
