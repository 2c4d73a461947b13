package org.lampyris.coap;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.lampyris.api.Subscription;
import org.lampyris.api.point.InvalidValueException;
import org.lampyris.api.point.Point;
import org.lampyris.api.point.PointInfo;
import org.lampyris.api.point.Reading;
import org.lampyris.api.point.ValueKind;
import org.lampyris.coap.format.BadPayloadException;
import org.lampyris.coap.format.MediaTypes;
import org.lampyris.coap.format.PayloadReader;
import org.lampyris.coap.format.PayloadWriter;
import org.lampyris.coap.format.SenmlRecord;
import org.lampyris.coap.format.UnsupportedFormatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One point of a plugin as a CoAP resource. It answers GET in every format of {@link MediaTypes#POINT_FORMATS}, PUT
 * when the point is writable, and notifies observers when the plugin reports a change. Every call into the plugin goes
 * through {@link PluginCalls}, so that a plugin that throws gives 5.00 and one that hangs gives 5.03.
 */
final class PointResource extends CoapResource {
    private static final Logger LOG = LoggerFactory.getLogger(PointResource.class);

    private final String pointPath;
    private final Point point;
    private final PointInfo info;
    private final PostIdentity post;
    private final PluginCalls calls;
    private volatile Subscription subscription;

    PointResource(String name, String pointPath, Point point, PointInfo info, PostIdentity post, PluginCalls calls) {
        super(name);
        this.pointPath = pointPath;
        this.point = point;
        this.info = info;
        this.post = post;
        this.calls = calls;
        getAttributes().setTitle(info.title().isEmpty() ? pointPath : info.title());
        info.resourceTypes().forEach(getAttributes()::addResourceType);
        getAttributes().addInterfaceDescription(info.iface().linkValue());
        for (int format : MediaTypes.POINT_FORMATS) {
            getAttributes().addContentType(format);
        }
        setObservable(info.observable());
    }

    /** Starts listening to the plugin's change events, if the point is observable. */
    void open() {
        if (!info.observable()) {
            return;
        }
        try {
            subscription = calls.call(() -> point.observe(value -> changed()));
        } catch (Exception e) {
            LOG.warn("Point {} is observable but its plugin refused an observer ({}); observers get no notifications",
                    pointPath, e.toString());
        }
    }

    /** Stops listening, removes the resource and sends observers a final 4.04. */
    void close() {
        Subscription s = subscription;
        subscription = null;
        if (s != null) {
            try {
                s.close();
            } catch (RuntimeException e) {
                LOG.debug("Closing the observer of {} failed", pointPath, e);
            }
        }
        delete();
    }

    String pointPath() {
        return pointPath;
    }

    /** @return the point's current value as a SenML record, for collections */
    SenmlRecord record() throws Exception {
        return new SenmlRecord(PostIdentity.senmlName(pointPath), info.unit(), calls.call(point::read));
    }

    @Override
    public void handleGET(CoapExchange exchange) {
        int accept = exchange.getRequestOptions().hasAccept() ? exchange.getRequestOptions().getAccept()
                : MediaTypes.TEXT_PLAIN;
        if (!MediaTypes.POINT_FORMATS.contains(accept)) {
            exchange.respond(ResponseCode.NOT_ACCEPTABLE, "this point is served as " + Errors.formats(
                    MediaTypes.POINT_FORMATS), MediaTypeRegistry.TEXT_PLAIN);
            return;
        }
        Reading reading;
        try {
            reading = calls.call(point::read);
        } catch (Exception e) {
            Errors.respond(exchange, pointPath, "read", e);
            return;
        }
        exchange.respond(ResponseCode.CONTENT, encode(reading, accept), accept);
    }

    private byte[] encode(Reading reading, int format) {
        if (info.kind() == ValueKind.JSON && (format == MediaTypes.JSON || format == MediaTypes.TEXT_PLAIN)) {
            // A JSON document is served as itself, not as a string inside another document.
            return reading.text().getBytes(StandardCharsets.UTF_8);
        }
        return switch (format) {
            case MediaTypes.JSON -> PayloadWriter.json(pointPath, info.unit(), reading);
            case MediaTypes.SENML_JSON -> PayloadWriter.senmlJson(post.baseName(),
                    List.of(new SenmlRecord(PostIdentity.senmlName(pointPath), info.unit(), reading)));
            case MediaTypes.SENML_CBOR -> PayloadWriter.senmlCbor(post.baseName(),
                    List.of(new SenmlRecord(PostIdentity.senmlName(pointPath), info.unit(), reading)));
            default -> PayloadWriter.text(reading);
        };
    }

    @Override
    public void handlePUT(CoapExchange exchange) {
        if (!info.writable()) {
            exchange.respond(ResponseCode.METHOD_NOT_ALLOWED, pointPath + " is read-only",
                    MediaTypeRegistry.TEXT_PLAIN);
            return;
        }
        Reading value = argument(exchange, info.kind());
        if (value == null) {
            return;
        }
        try {
            calls.call(() -> {
                point.write(value);
                return null;
            });
        } catch (InvalidValueException e) {
            exchange.respond(ResponseCode.BAD_REQUEST, e.getMessage(), MediaTypeRegistry.TEXT_PLAIN);
            return;
        } catch (Exception e) {
            Errors.respond(exchange, pointPath, "write", e);
            return;
        }
        exchange.respond(ResponseCode.CHANGED);
    }

    /** A POST invokes the point's action; the plugin's answer, if any, is the payload of the 2.04. */
    @Override
    public void handlePOST(CoapExchange exchange) {
        if (!info.postable()) {
            exchange.respond(ResponseCode.METHOD_NOT_ALLOWED, pointPath + " has no action to POST to",
                    MediaTypeRegistry.TEXT_PLAIN);
            return;
        }
        // The argument of an action on a JSON point (a session list, say) is text, such as an identifier.
        Reading argument = argument(exchange, info.kind() == ValueKind.JSON ? ValueKind.TEXT : info.kind());
        if (argument == null) {
            return;
        }
        Reading answer;
        try {
            answer = calls.call(() -> point.post(argument));
        } catch (InvalidValueException e) {
            exchange.respond(ResponseCode.BAD_REQUEST, e.getMessage(), MediaTypeRegistry.TEXT_PLAIN);
            return;
        } catch (Exception e) {
            Errors.respond(exchange, pointPath, "act", e);
            return;
        }
        if (answer == null) {
            exchange.respond(ResponseCode.CHANGED);
        } else {
            int format = info.kind() == ValueKind.JSON ? MediaTypes.JSON : MediaTypes.TEXT_PLAIN;
            exchange.respond(ResponseCode.CHANGED, answer.text().getBytes(StandardCharsets.UTF_8), format);
        }
    }

    /** @return the request's payload as a value of a kind, or null after answering the client why not */
    private Reading argument(CoapExchange exchange, ValueKind kind) {
        int format = exchange.getRequestOptions().hasContentFormat() ? exchange.getRequestOptions().getContentFormat()
                : MediaTypes.TEXT_PLAIN;
        if (exchange.getRequestPayloadSize() > PayloadReader.MAX_PAYLOAD) {
            exchange.respond(ResponseCode.REQUEST_ENTITY_TOO_LARGE, "a point value is at most "
                    + PayloadReader.MAX_PAYLOAD + " bytes", MediaTypeRegistry.TEXT_PLAIN);
            return null;
        }
        try {
            return PayloadReader.read(kind, format, exchange.getRequestPayload(), Instant.now());
        } catch (UnsupportedFormatException e) {
            exchange.respond(ResponseCode.UNSUPPORTED_CONTENT_FORMAT, e.getMessage(), MediaTypeRegistry.TEXT_PLAIN);
        } catch (BadPayloadException e) {
            exchange.respond(ResponseCode.BAD_REQUEST, e.getMessage(), MediaTypeRegistry.TEXT_PLAIN);
        }
        return null;
    }
}
