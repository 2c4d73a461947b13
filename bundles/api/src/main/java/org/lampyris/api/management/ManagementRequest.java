package org.lampyris.api.management;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A request to a {@link ManagementResource}.
 *
 * @param method {@code GET}, {@code PUT}, {@code POST} or {@code DELETE}
 * @param path the segments below the resource's own, e.g. {@code [org.lampyris.dimming]} for
 *        {@code /mgmt/bundles/org.lampyris.dimming}; empty for the top
 * @param query the Uri-Query options, {@code rollback} as key {@code rollback} with the value {@code ""}
 * @param body the request body, reassembled when it came block-wise; empty when there is none
 * @param contentFormat the CoAP Content-Format of the body, -1 when none was given
 * @param identity the caller's DTLS identity (PSK identity or certificate subject), for the journal
 */
public record ManagementRequest(String method, List<String> path, Map<String, String> query, byte[] body,
        int contentFormat, String identity) {

    public ManagementRequest {
        Objects.requireNonNull(method, "method");
        path = List.copyOf(path);
        query = Map.copyOf(query);
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(identity, "identity");
    }

    /** @return the body as UTF-8 text */
    public String text() {
        return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }
}
