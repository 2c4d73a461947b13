package org.lampyris.lampctl;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Response;

/**
 * A post's answer to one request.
 *
 * @param code the response code
 * @param contentFormat the Content-Format, or {@link MediaTypeRegistry#UNDEFINED} when it gave none
 * @param payload the body
 * @param observed whether it carries an Observe option (the post registered an observer)
 */
record Answer(ResponseCode code, int contentFormat, byte[] payload, boolean observed) {

    Answer(ResponseCode code, int contentFormat, byte[] payload) {
        this(code, contentFormat, payload, false);
    }

    static Answer of(Response response) {
        return new Answer(response.getCode(), response.getOptions().getContentFormat(), response.getPayload(),
                response.getOptions().hasObserve());
    }

    boolean success() {
        return code.isSuccess();
    }

    String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** @return true when the body is text a terminal can show (not CBOR or another binary format) */
    boolean textual() {
        return contentFormat == MediaTypeRegistry.UNDEFINED || contentFormat == MediaTypeRegistry.TEXT_PLAIN
                || MediaTypeRegistry.isPrintable(contentFormat);
    }

    /** @return e.g. {@code 4.00 Bad Request: not signed}, the code, its name and the diagnostic payload if any */
    String describe() {
        String text = text().strip();
        if (contentFormat == MediaTypeRegistry.APPLICATION_JSON) {
            // A transaction the post reverted answers with its record: its outcome and reason say it best.
            try {
                Object record = Json.parse(text);
                String reason = Json.member(record, "reason");
                if (reason != null) {
                    String outcome = Json.member(record, "outcome");
                    return codeText(code) + ": " + (outcome == null ? "" : outcome + ": ") + reason;
                }
            } catch (IllegalArgumentException e) {
                // shown as it is
            }
        }
        return codeText(code) + (text.isEmpty() ? "" : ": " + text.replace('\n', ' '));
    }

    /** @return e.g. {@code 4.09 Conflict} */
    static String codeText(ResponseCode code) {
        StringBuilder name = new StringBuilder();
        for (String word : code.name().split("_")) {
            if (!word.isEmpty()) {
                name.append(' ').append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
            }
        }
        return String.format(Locale.ROOT, "%d.%02d", code.codeClass, code.codeDetail) + name;
    }
}
