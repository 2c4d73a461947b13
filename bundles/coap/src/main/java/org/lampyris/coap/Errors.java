package org.lampyris.coap;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.lampyris.api.point.PointUnavailableException;
import org.lampyris.hal.DeviceUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a failed plugin call into the answer DESIGN.md prescribes: 5.00 for an exception, 5.03 with the reason for a
 * device below the HAL that does not answer or a point whose plugin says it has no valid value
 * ({@link PointUnavailableException}: a fault of the hardware, not of the plugin), 5.03 for an overrun and
 * for a point whose plugin went while its request was on its way (a successor may take the path over at once).
 */
final class Errors {
    private static final Logger LOG = LoggerFactory.getLogger(Errors.class);
    /** Diagnostics are for a human reading a CoAP answer, which should fit in one datagram. */
    private static final int MAX_REASON = 200;

    private Errors() {
    }

    static void respond(CoapExchange exchange, String path, String action, Exception e) {
        if (e instanceof PointWithdrawnException) {
            exchange.respond(ResponseCode.SERVICE_UNAVAILABLE, e.getMessage(), MediaTypeRegistry.TEXT_PLAIN);
            return;
        }
        if (e instanceof DeviceUnavailableException || e instanceof PointUnavailableException) {
            // A fault of the hardware is a state, answered with its reason; the log already has the driver's line.
            exchange.respond(ResponseCode.SERVICE_UNAVAILABLE, truncate(e.getMessage()), MediaTypeRegistry.TEXT_PLAIN);
            return;
        }
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

    /** @return a short description of what went wrong: "ArithmeticException: long overflow" */
    static String describe(Throwable t) {
        String name = t.getClass().getSimpleName();
        return truncate(t.getMessage() == null ? name : name + ": " + t.getMessage());
    }

    private static String truncate(String s) {
        return s.length() <= MAX_REASON ? s : s.substring(0, MAX_REASON) + "...";
    }
}
