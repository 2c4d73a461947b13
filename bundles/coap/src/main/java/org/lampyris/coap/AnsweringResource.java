package org.lampyris.coap;

import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A resource that never leaves a request unanswered. Whatever its handler throws (a formatter's bug, an
 * {@link Error} from a plugin's classes), a request it has not answered yet gets a 5.00 with a short reason, instead
 * of waiting for retransmissions to run out. This holds for the notifications of an observed resource too, which
 * Californium makes by handling the observer's request again: the observer then gets the 5.00, which ends its
 * observation, rather than nothing.
 * <p>
 * Whether a handler answered is tracked on the {@link CoapExchange} it was given, because Californium sends a
 * response made off its own threads (the notifier's) asynchronously: the exchange does not show it at once.
 */
abstract class AnsweringResource extends CoapResource {
    private static final Logger LOG = LoggerFactory.getLogger(AnsweringResource.class);

    AnsweringResource(String name) {
        super(name);
    }

    /** A {@link CoapExchange} that remembers whether it was answered. */
    private static final class Answer extends CoapExchange {
        private volatile boolean answered;

        Answer(Exchange exchange) {
            super(exchange);
        }

        @Override
        public void respond(Response response) {
            answered = true;
            super.respond(response);
        }
    }

    @Override
    public void handleRequest(Exchange exchange) {
        Answer answer = new Answer(exchange);
        try {
            switch (exchange.getRequest().getCode()) {
                case GET -> handleGET(answer);
                case POST -> handlePOST(answer);
                case PUT -> handlePUT(answer);
                case DELETE -> handleDELETE(answer);
                case FETCH -> handleFETCH(answer);
                case PATCH -> handlePATCH(answer);
                case IPATCH -> handleIPATCH(answer);
                default -> notAllowed(answer);
            }
        } catch (Throwable t) { // never silence, whatever went wrong
            LOG.warn("Answering {} {} failed", exchange.getRequest().getCode(), getURI(), t);
            if (!answer.answered) {
                respondServerError(answer, t);
            }
            if (t instanceof VirtualMachineError fatal) {
                throw fatal;
            }
        }
    }

    // Californium's defaults answer a method a resource does not handle with an empty 4.05: here it says which.

    @Override
    public void handleGET(CoapExchange exchange) {
        notAllowed(exchange);
    }

    @Override
    public void handlePOST(CoapExchange exchange) {
        notAllowed(exchange);
    }

    @Override
    public void handlePUT(CoapExchange exchange) {
        notAllowed(exchange);
    }

    @Override
    public void handleDELETE(CoapExchange exchange) {
        notAllowed(exchange);
    }

    @Override
    public void handleFETCH(CoapExchange exchange) {
        notAllowed(exchange);
    }

    @Override
    public void handlePATCH(CoapExchange exchange) {
        notAllowed(exchange);
    }

    @Override
    public void handleIPATCH(CoapExchange exchange) {
        notAllowed(exchange);
    }

    /** Answers 4.05 with the method and the path, so that a client sees what it asked that is not served. */
    private void notAllowed(CoapExchange exchange) {
        exchange.respond(ResponseCode.METHOD_NOT_ALLOWED,
                exchange.getRequestCode() + " is not allowed on " + getURI(), MediaTypeRegistry.TEXT_PLAIN);
    }

    private void respondServerError(Answer answer, Throwable t) {
        try {
            answer.respond(ResponseCode.INTERNAL_SERVER_ERROR,
                    "server error while answering " + getURI() + ": " + Errors.describe(t),
                    MediaTypeRegistry.TEXT_PLAIN);
        } catch (RuntimeException e) {
            LOG.warn("Cannot answer {} with a server error: {}", getURI(), e.toString());
        }
    }
}
