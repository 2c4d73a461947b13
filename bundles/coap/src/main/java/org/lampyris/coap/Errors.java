package org.lampyris.coap;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.lampyris.coap.format.MediaTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns a failed plugin call into the answer DESIGN.md prescribes: 5.03 for an overrun, 5.00 for an exception. */
final class Errors {
    private static final Logger LOG = LoggerFactory.getLogger(Errors.class);

    private Errors() {
    }

    static void respond(CoapExchange exchange, String path, String action, Exception e) {
        if (e instanceof PluginCalls.Overrun) {
            LOG.warn("The plugin behind {} did not {} in time: {}", path, action, e.getMessage());
            exchange.respond(ResponseCode.SERVICE_UNAVAILABLE, e.getMessage(), MediaTypeRegistry.TEXT_PLAIN);
            return;
        }
        LOG.warn("The plugin behind {} failed to {}: {}", path, action, e.toString());
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        exchange.respond(ResponseCode.INTERNAL_SERVER_ERROR, "plugin error: " + truncate(reason),
                MediaTypeRegistry.TEXT_PLAIN);
    }

    /** @return the formats, named for a 4.06 diagnostic: "text/plain (0), application/json (50)" */
    static String formats(java.util.List<Integer> formats) {
        return formats.stream().map(f -> MediaTypes.name(f) + " (" + f + ")")
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private static String truncate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
