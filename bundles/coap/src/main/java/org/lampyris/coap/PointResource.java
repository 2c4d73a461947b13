package org.lampyris.coap;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.lampyris.api.point.InvalidValueException;
import org.lampyris.api.point.PointInfo;
import org.lampyris.api.point.Reading;
import org.lampyris.api.point.ValueKind;
import org.lampyris.coap.format.BadPayloadException;
import org.lampyris.coap.format.MediaTypes;
import org.lampyris.coap.format.PayloadReader;
import org.lampyris.coap.format.PayloadWriter;
import org.lampyris.coap.format.SenmlRecord;
import org.lampyris.coap.format.UnsupportedFormatException;

/**
 * A {@link PublishedPoint} as a CoAP resource in Californium's tree. It answers GET in every format of
 * {@link MediaTypes#POINT_FORMATS}, PUT when the point is writable, POST when it has an action, and notifies its
 * observers of each value the point reports.
 * <p>
 * It only translates: the Accept option chooses the {@link PayloadWriter} encoding, the Content-Format option the
 * {@link PayloadReader} decoding, and a failed call is answered by {@link Errors}; the plugin's time budget, the
 * quarantine's count and the observed value are the published point's, shared with the protocol bridges.
 */
final class PointResource extends AnsweringResource {
    /**
     * The value a notification in progress on this thread carries; null for an ordinary request. Californium makes a
     * notification by handling each observer's GET again, synchronously within {@link #changed()} on the notifier
     * thread: that GET must answer the value being notified, not ask the plugin again (a plugin call on the one
     * notifier thread of every point, which could answer another value than the one the notification is for).
     */
    private static final ThreadLocal<Reading> NOTIFYING = new ThreadLocal<>();

    private final PublishedPoint point;
    private final PostIdentity post;

    /**
     * @param name the last segment of the point's path
     * @param point the point it serves, whose observers it joins if the point is observable
     * @param post who this post is, for SenML names
     */
    PointResource(String name, PublishedPoint point, PostIdentity post) {
        super(name);
        this.point = point;
        this.post = post;
        PointInfo info = point.info();
        getAttributes().setTitle(info.title().isEmpty() ? point.path() : info.title());
        info.resourceTypes().forEach(getAttributes()::addResourceType);
        getAttributes().addInterfaceDescription(info.iface().linkValue());
        for (int format : MediaTypes.POINT_FORMATS) {
            getAttributes().addContentType(format);
        }
        setObservable(info.observable());
        if (info.observable()) {
            // The first of the point's observers, so that CoAP observers hear a value before the bridges do.
            point.observe(this::notifyObservers);
        }
    }

    String pointPath() {
        return point.path();
    }

    /** On the notifier thread: Californium handles each observer's request again, which finds the value here. */
    private void notifyObservers(Reading value) {
        NOTIFYING.set(value);
        try {
            changed();
        } finally {
            NOTIFYING.remove();
        }
    }

    /** @return the value a notification carries, else the point's value */
    private Reading read() throws Exception {
        Reading notifying = NOTIFYING.get();
        return notifying != null ? notifying : point.read();
    }

    /** @return the point's current value as a SenML record, for collections */
    SenmlRecord record() throws Exception {
        return new SenmlRecord(PostIdentity.senmlName(point.path()), point.info().unit(), read());
    }

    @Override
    public void handleGET(CoapExchange exchange) {
        int accept = exchange.getRequestOptions().hasAccept() ? exchange.getRequestOptions().getAccept()
                : MediaTypes.TEXT_PLAIN;
        if (!MediaTypes.POINT_FORMATS.contains(accept)) {
            exchange.respond(ResponseCode.NOT_ACCEPTABLE, "this point is served as "
                    + MediaTypes.describe(MediaTypes.POINT_FORMATS), MediaTypeRegistry.TEXT_PLAIN);
            return;
        }
        Reading reading;
        try {
            reading = read();
        } catch (Exception e) {
            Errors.respond(exchange, point.path(), "read", e);
            return;
        }
        // A value the formatter cannot encode is the platform's failure, answered 5.00 by AnsweringResource.
        exchange.respond(ResponseCode.CONTENT, encode(reading, accept), accept);
    }

    private byte[] encode(Reading reading, int format) {
        if (reading.kind() == ValueKind.STRUCTURED && (format == MediaTypes.JSON || format == MediaTypes.TEXT_PLAIN)) {
            // A structure is served as a document of its own, not as a string inside another document.
            return reading.text().getBytes(StandardCharsets.UTF_8);
        }
        String unit = point.info().unit();
        return switch (format) {
            case MediaTypes.JSON -> PayloadWriter.json(point.path(), unit, reading);
            case MediaTypes.CBOR -> PayloadWriter.cbor(reading);
            case MediaTypes.SENML_JSON -> PayloadWriter.senmlJson(post.baseName(),
                    List.of(new SenmlRecord(PostIdentity.senmlName(point.path()), unit, reading)));
            case MediaTypes.SENML_CBOR -> PayloadWriter.senmlCbor(post.baseName(),
                    List.of(new SenmlRecord(PostIdentity.senmlName(point.path()), unit, reading)));
            default -> PayloadWriter.text(reading);
        };
    }

    @Override
    public void handlePUT(CoapExchange exchange) {
        PointInfo info = point.info();
        if (!info.writable()) { // before the payload: a PUT to a read-only point is 4.05 whatever it carries
            exchange.respond(ResponseCode.METHOD_NOT_ALLOWED, point.whyNotWritable(), MediaTypeRegistry.TEXT_PLAIN);
            return;
        }
        // A SenML or JSON value in another unit than the point's is refused rather than taken as a number of its unit.
        Reading value = argument(exchange, info.kind(), info.unit());
        if (value == null) {
            return;
        }
        try {
            point.write(value);
        } catch (InvalidValueException e) {
            exchange.respond(ResponseCode.BAD_REQUEST, e.getMessage(), MediaTypeRegistry.TEXT_PLAIN);
            return;
        } catch (Exception e) {
            Errors.respond(exchange, point.path(), "write", e);
            return;
        }
        exchange.respond(ResponseCode.CHANGED);
    }

    /** A POST invokes the point's action; the plugin's answer, if any, is the payload of the 2.04. */
    @Override
    public void handlePOST(CoapExchange exchange) {
        if (!point.info().postable()) {
            exchange.respond(ResponseCode.METHOD_NOT_ALLOWED, point.whyNotPostable(), MediaTypeRegistry.TEXT_PLAIN);
            return;
        }
        // The answer's format is checked before the action runs: a session must not start only to be refused 4.06.
        boolean accepts = exchange.getRequestOptions().hasAccept();
        if (accepts && !MediaTypes.POINT_FORMATS.contains(exchange.getRequestOptions().getAccept())) {
            exchange.respond(ResponseCode.NOT_ACCEPTABLE, "the answer of " + point.path() + " is served as "
                    + MediaTypes.describe(MediaTypes.POINT_FORMATS), MediaTypeRegistry.TEXT_PLAIN);
            return;
        }
        Reading argument = argument(exchange, point.argumentKind(), null);
        if (argument == null) {
            return;
        }
        Reading answer;
        try {
            answer = point.post(argument);
        } catch (InvalidValueException e) {
            exchange.respond(ResponseCode.BAD_REQUEST, e.getMessage(), MediaTypeRegistry.TEXT_PLAIN);
            return;
        } catch (Exception e) {
            Errors.respond(exchange, point.path(), "act", e);
            return;
        }
        if (answer == null) {
            exchange.respond(ResponseCode.CHANGED);
        } else {
            int format = accepts ? exchange.getRequestOptions().getAccept()
                    : answer.kind() == ValueKind.STRUCTURED ? MediaTypes.JSON : MediaTypes.TEXT_PLAIN;
            exchange.respond(ResponseCode.CHANGED, encode(answer, format), format);
        }
    }

    /** @return the request's payload as a value of a kind, or null after answering the client why not */
    private Reading argument(CoapExchange exchange, ValueKind kind, String unit) {
        int format = exchange.getRequestOptions().hasContentFormat() ? exchange.getRequestOptions().getContentFormat()
                : MediaTypes.TEXT_PLAIN;
        if (exchange.getRequestPayloadSize() > PayloadReader.MAX_PAYLOAD) {
            exchange.respond(ResponseCode.REQUEST_ENTITY_TOO_LARGE, "a point value is at most "
                    + PayloadReader.MAX_PAYLOAD + " bytes", MediaTypeRegistry.TEXT_PLAIN);
            return null;
        }
        try {
            return PayloadReader.read(kind, unit, format, exchange.getRequestPayload(), Instant.now());
        } catch (UnsupportedFormatException e) {
            exchange.respond(ResponseCode.UNSUPPORTED_CONTENT_FORMAT, e.getMessage(), MediaTypeRegistry.TEXT_PLAIN);
        } catch (BadPayloadException e) {
            exchange.respond(ResponseCode.BAD_REQUEST, e.getMessage(), MediaTypeRegistry.TEXT_PLAIN);
        }
        return null;
    }
}
