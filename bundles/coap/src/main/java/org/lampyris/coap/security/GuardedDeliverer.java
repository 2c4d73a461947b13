package org.lampyris.coap.security;

import java.security.Principal;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.server.DelivererException;
import org.eclipse.californium.core.server.MessageDeliverer;
import org.eclipse.californium.core.server.ServerMessageDeliverer;
import org.eclipse.californium.core.server.resources.Resource;
import org.eclipse.californium.elements.config.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks every request against the access policy before it reaches a resource: 4.01 when the request has no
 * identity and needs one, 4.03 when its identity lacks the role. Only then is the request delivered, so that an
 * unauthorised client learns nothing, not even whether the path exists.
 */
public final class GuardedDeliverer implements MessageDeliverer {
    private static final Logger LOG = LoggerFactory.getLogger(GuardedDeliverer.class);

    private final ServerMessageDeliverer resources;
    private final Identities identities;
    private final AccessPolicy policy;

    public GuardedDeliverer(Resource root, Configuration config, Identities identities, AccessPolicy policy) {
        this.resources = new ExplainingDeliverer(root, config);
        this.identities = identities;
        this.policy = policy;
    }

    @Override
    public void deliverRequest(Exchange exchange) {
        Request request = exchange.getRequest();
        String path = "/" + request.getOptions().getUriPathString();
        Principal peer = request.getSourceContext() == null ? null : request.getSourceContext().getPeerIdentity();
        Role role = peer == null ? null : identities.roleOf(peer);
        AccessPolicy.Decision decision = policy.decide(String.valueOf(request.getCode()), path, role, peer != null);
        if (decision.allowed()) {
            resources.deliverRequest(exchange);
            return;
        }
        LOG.debug("Refused {} {} from {}: {}", request.getCode(), path, Identities.nameOf(peer), decision.reason());
        Response response = new Response(decision.authenticate() ? ResponseCode.UNAUTHORIZED
                : ResponseCode.FORBIDDEN);
        response.setPayload(decision.reason());
        response.getOptions().setContentFormat(MediaTypeRegistry.TEXT_PLAIN);
        exchange.sendResponse(response);
    }

    @Override
    public void deliverResponse(Exchange exchange, Response response) {
        resources.deliverResponse(exchange, response);
    }

    /**
     * Californium's deliverer, except that a request for a path no resource serves gets a 4.04 that names the path
     * (Californium's own is empty): every 4.xx of the post says what went wrong.
     */
    private static final class ExplainingDeliverer extends ServerMessageDeliverer {

        ExplainingDeliverer(Resource root, Configuration config) {
            super(root, config);
        }

        @Override
        protected Resource findResource(Exchange exchange) throws DelivererException {
            Resource resource = super.findResource(exchange);
            if (resource == null) {
                throw new DelivererException(ResponseCode.NOT_FOUND,
                        "no resource at /" + exchange.getRequest().getOptions().getUriPathString()
                                + "; GET /.well-known/core lists them");
            }
            return resource;
        }
    }
}
