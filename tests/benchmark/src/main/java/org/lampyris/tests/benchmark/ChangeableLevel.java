package org.lampyris.tests.benchmark;

import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.server.resources.CoapExchange;

/**
 * The bare server's equivalent of the platform's {@code /light/level}: a light level of 0 to 100 as text, readable,
 * observable and writable by PUT. Like the platform it notifies its observers only when the value changes.
 */
final class ChangeableLevel extends CoapResource {
    private volatile String level;

    ChangeableLevel(String name, int initial) {
        super(name);
        this.level = Integer.toString(initial);
        setObservable(true);
        getAttributes().setObservable();
        getAttributes().addContentType(MediaTypeRegistry.TEXT_PLAIN);
    }

    @Override
    public void handleGET(CoapExchange exchange) {
        exchange.respond(ResponseCode.CONTENT, level, MediaTypeRegistry.TEXT_PLAIN);
    }

    @Override
    public void handlePUT(CoapExchange exchange) {
        String text = exchange.getRequestText().trim();
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            value = -1;
        }
        if (value < 0 || value > 100) {
            exchange.respond(ResponseCode.BAD_REQUEST, "a level is 0 to 100", MediaTypeRegistry.TEXT_PLAIN);
            return;
        }
        String changed = Integer.toString(value);
        boolean different = !changed.equals(level);
        level = changed;
        exchange.respond(ResponseCode.CHANGED);
        if (different) {
            changed();
        }
    }
}
