package org.lampyris.coap;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.server.resources.CoapExchange;

/**
 * The root of the post's resource tree. A GET of {@code /} names the post and points to discovery, instead of the
 * banner of the CoAP library underneath.
 */
final class PostRoot extends AnsweringResource {
    private volatile String text = "Lampyris lamp post; see /.well-known/core";

    PostRoot() {
        super("");
    }

    void describe(PostIdentity post) {
        text = "Lampyris lamp post " + post.postId() + "; its points are listed at /.well-known/core";
    }

    @Override
    public void handleGET(CoapExchange exchange) {
        exchange.respond(ResponseCode.CONTENT, text, MediaTypeRegistry.TEXT_PLAIN);
    }
}
