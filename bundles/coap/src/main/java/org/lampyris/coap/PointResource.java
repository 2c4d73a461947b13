package org.lampyris.coap;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.Exchange;
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
 * <p>
 * A change event only records the new value and queues a notification on the endpoint's notifier thread, so that the
 * plugin's thread never waits for Californium; notifications carry the value the plugin reported, without reading the
 * point again, and a burst of changes is coalesced into the latest value. Notifications of one point are at least the
 * configured minimum interval apart, so that a plugin that fires change events without pause cannot queue work in the
 * CoAP stack faster than it is sent, nor starve the other points' observers.
 */
final class PointResource extends CoapResource {
    private static final Logger LOG = LoggerFactory.getLogger(PointResource.class);

    private final String pointPath;
    private final Point point;
    private final PointInfo info;
    private final PostIdentity post;
    /** The value a notification in progress on this thread carries; null for an ordinary request. */
    private static final ThreadLocal<Reading> NOTIFYING = new ThreadLocal<>();

    private final PluginCalls calls;
    private final ScheduledExecutorService notifier;
    private final long minIntervalNanos;
    private final Quarantine.Guard guard;
    /** When the next notification may go out at the earliest (System.nanoTime); only the notifier thread writes it. */
    private volatile long nextNotification = System.nanoTime();
    /** The latest change not yet sent to observers; a notification is queued whenever it goes from null to a value. */
    private final AtomicReference<Reading> pending = new AtomicReference<>();
    private final Object lifecycle = new Object();
    private Subscription subscription;
    private boolean closed;

    PointResource(String name, String pointPath, Point point, PointInfo info, PostIdentity post, PluginCalls calls,
            ScheduledExecutorService notifier, long minIntervalMillis, Quarantine.Guard guard) {
        super(name);
        this.pointPath = pointPath;
        this.point = point;
        this.info = info;
        this.post = post;
        this.calls = calls;
        this.notifier = notifier;
        this.minIntervalNanos = TimeUnit.MILLISECONDS.toNanos(minIntervalMillis);
        this.guard = guard;
        getAttributes().setTitle(info.title().isEmpty() ? pointPath : info.title());
        info.resourceTypes().forEach(getAttributes()::addResourceType);
        getAttributes().addInterfaceDescription(info.iface().linkValue());
        for (int format : MediaTypes.POINT_FORMATS) {
            getAttributes().addContentType(format);
        }
        setObservable(info.observable());
    }

    /** Starts listening to the plugin's change events, if the point is observable. Not called under a lock. */
    void open() {
        if (!info.observable()) {
            return;
        }
        Subscription s;
        try {
            s = calls.call(() -> point.observe(this::onChange));
        } catch (Exception e) {
            LOG.warn("Point {} is observable but its plugin refused an observer ({}); observers get no notifications",
                    pointPath, e.toString());
            return;
        }
        boolean late;
        synchronized (lifecycle) {
            late = closed;
            if (!late) {
                subscription = s;
            }
        }
        if (late) { // withdrawn while the plugin was subscribing
            unsubscribe(s);
        }
    }

    /** Removes the resource from the tree; its observers get a final 4.04. Called under the tree's lock. */
    void withdraw() {
        synchronized (lifecycle) {
            closed = true;
        }
        delete();
    }

    /** Stops listening to the plugin. Calls plugin code, so never under a lock. */
    void unsubscribe() {
        Subscription s;
        synchronized (lifecycle) {
            closed = true;
            s = subscription;
            subscription = null;
        }
        unsubscribe(s);
    }

    private void unsubscribe(Subscription s) {
        if (s == null) {
            return;
        }
        try {
            calls.call(() -> {
                s.close();
                return null;
            });
        } catch (Exception e) {
            LOG.debug("Closing the observer of {} failed: {}", pointPath, e.toString());
        }
    }

    /** The plugin's change event, on the plugin's thread: record the value and return at once. */
    private void onChange(Reading value) {
        if (value == null) {
            return;
        }
        if (pending.getAndSet(value) == null) {
            try {
                long wait = nextNotification - System.nanoTime();
                notifier.schedule(this::notifyObservers, Math.max(0, wait), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                pending.set(null); // the endpoint is stopping
            }
        }
    }

    /** On the notifier thread: send the latest value to every observer. */
    private void notifyObservers() {
        Reading value = pending.getAndSet(null);
        synchronized (lifecycle) {
            if (closed || value == null) {
                return;
            }
        }
        nextNotification = System.nanoTime() + minIntervalNanos;
        NOTIFYING.set(value);
        try {
            changed();
        } catch (RuntimeException e) {
            LOG.warn("Notifying the observers of {} failed: {}", pointPath, e.toString());
        } finally {
            NOTIFYING.remove();
        }
    }

    /**
     * Never silence: whatever a handler throws (a formatter's bug, say), a request that has no answer yet gets a
     * 5.00 with a reason instead of waiting for retransmissions to run out.
     */
    @Override
    public void handleRequest(Exchange exchange) {
        try {
            super.handleRequest(exchange);
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("Answering {} {} failed: {}", exchange.getRequest().getCode(), pointPath, e.toString());
            if (exchange.getResponse() == null && !exchange.getRequest().isObserve()) {
                Response response = new Response(ResponseCode.INTERNAL_SERVER_ERROR);
                response.setPayload("server error while answering " + pointPath + ": " + e.getClass().getSimpleName());
                response.getOptions().setContentFormat(MediaTypeRegistry.TEXT_PLAIN);
                exchange.sendResponse(response);
            }
        }
    }

    String pointPath() {
        return pointPath;
    }

    /** @return the point's current value as a SenML record, for collections */
    SenmlRecord record() throws Exception {
        return new SenmlRecord(PostIdentity.senmlName(pointPath), info.unit(), read());
    }

    /**
     * Calls the plugin within the time budget and tells the quarantine how it went: an answer, or the refusal of a bad
     * value (the client's fault), counts as a success; an exception or a missed budget as a failure.
     */
    private <T> T guarded(String action, java.util.concurrent.Callable<T> call) throws Exception {
        T result;
        try {
            result = calls.call(call);
        } catch (InvalidValueException e) {
            guard.succeeded();
            throw e;
        } catch (PluginCalls.Overrun e) {
            guard.failed(pointPath + " did not " + action + " in time: " + e.getMessage());
            throw e;
        } catch (Exception e) {
            guard.failed(pointPath + " failed to " + action + ": " + e);
            throw e;
        }
        if (result == null && action.equals("read")) {
            guard.failed(pointPath + " returned no value");
        } else {
            guard.succeeded();
        }
        return result;
    }

    /** @return the value a notification carries, or else the plugin's current value */
    private Reading read() throws Exception {
        Reading notifying = NOTIFYING.get();
        if (notifying != null) {
            return notifying;
        }
        Reading reading = guarded("read", point::read);
        if (reading == null) {
            throw new IllegalStateException("the plugin returned no value");
        }
        return reading;
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
        byte[] body;
        try {
            reading = read();
            body = encode(reading, accept);
        } catch (Exception e) {
            Errors.respond(exchange, pointPath, "read", e);
            return;
        }
        exchange.respond(ResponseCode.CONTENT, body, accept);
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
        Reading value = argument(exchange, info.kind(), info.unit());
        if (value == null) {
            return;
        }
        try {
            guarded("write", () -> {
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
        Reading argument = argument(exchange, info.kind() == ValueKind.JSON ? ValueKind.TEXT : info.kind(), null);
        if (argument == null) {
            return;
        }
        Reading answer;
        try {
            answer = guarded("act", () -> point.post(argument));
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
    private Reading argument(CoapExchange exchange, ValueKind kind, String unit) {
        int format = exchange.getRequestOptions().hasContentFormat() ? exchange.getRequestOptions().getContentFormat()
                : MediaTypes.TEXT_PLAIN;
        if (exchange.getRequestPayloadSize() > PayloadReader.MAX_PAYLOAD) {
            exchange.respond(ResponseCode.REQUEST_ENTITY_TOO_LARGE, "a point value is at most "
                    + PayloadReader.MAX_PAYLOAD + " bytes", MediaTypeRegistry.TEXT_PLAIN);
            return null;
        }
        try {
            // A SenML value in another unit than the point's is refused rather than taken as a number of its unit.
            return PayloadReader.read(kind, unit, format, exchange.getRequestPayload(), Instant.now());
        } catch (UnsupportedFormatException e) {
            exchange.respond(ResponseCode.UNSUPPORTED_CONTENT_FORMAT, e.getMessage(), MediaTypeRegistry.TEXT_PLAIN);
        } catch (BadPayloadException e) {
            exchange.respond(ResponseCode.BAD_REQUEST, e.getMessage(), MediaTypeRegistry.TEXT_PLAIN);
        }
        return null;
    }
}
