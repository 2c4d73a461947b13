package org.lampyris.coap;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.lampyris.api.Subscription;
import org.lampyris.api.point.InvalidValueException;
import org.lampyris.api.point.Point;
import org.lampyris.api.point.PointDirectory;
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
 * when the point is writable, POST when it has an action, and notifies observers when the plugin reports a change.
 * <p>
 * An observable point is answered from the value its plugin last reported, through the platform's own subscription
 * ({@link ObservedValue}, which explains when the plugin is read all the same). Every other call into the plugin
 * (reads of other points, writes, actions) goes through {@link PluginCalls}, so that a plugin that throws gives 5.00
 * and one that hangs gives 5.03.
 * <p>
 * The {@link PointDirectory} of protocol bridges reads, writes and observes the point through the same methods
 * ({@link #read()}, {@link #write(Reading)}, {@link #observe(Consumer)}), so that a bridge's client gets what a CoAP
 * client gets.
 */
final class PointResource extends AnsweringResource {
    private static final Logger LOG = LoggerFactory.getLogger(PointResource.class);
    /** The value a notification in progress on this thread carries; null for an ordinary request. */
    private static final ThreadLocal<Reading> NOTIFYING = new ThreadLocal<>();

    private final String pointPath;
    private final Point point;
    private final PointInfo info;
    private final PostIdentity post;
    private final PluginCalls calls;
    private final Quarantine.Guard guard;
    /** The platform's subscription and the reported value; null if the point is not observable. */
    private final ObservedValue observed;
    /** The directory's observers, told of each value the CoAP observers are notified of; emptied on withdrawal. */
    private final List<Consumer<Reading>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean withdrawn;

    PointResource(String name, String pointPath, Point point, PointInfo info, PointContext context,
            Quarantine.Guard guard) {
        super(name);
        this.pointPath = pointPath;
        this.point = point;
        this.info = info;
        this.post = context.post();
        this.calls = context.calls();
        this.guard = guard;
        this.observed = info.observable() ? new ObservedValue(pointPath, context.notifier(),
                context.notifyIntervalMillis(), context.valueMaxAgeMillis(), this::notifyObservers) : null;
        getAttributes().setTitle(info.title().isEmpty() ? pointPath : info.title());
        info.resourceTypes().forEach(getAttributes()::addResourceType);
        getAttributes().addInterfaceDescription(info.iface().linkValue());
        for (int format : MediaTypes.POINT_FORMATS) {
            getAttributes().addContentType(format);
        }
        setObservable(info.observable());
    }

    /** Opens the platform's subscription to the plugin's changes, if the point is observable. Not under a lock. */
    void open() {
        if (observed == null) {
            return;
        }
        Subscription s;
        try {
            s = calls.call(() -> point.observe(observed::report));
        } catch (Exception e) {
            LOG.warn("Point {} is observable but its plugin refused an observer ({}); observers get no notifications",
                    pointPath, e.toString());
            return;
        }
        if (!observed.attach(s)) { // withdrawn while the plugin was subscribing
            close(s);
        }
    }

    /** Removes the resource from the tree; its observers get a final 4.04. Calls no plugin code: under the tree lock. */
    void withdraw() {
        withdrawn = true;
        listeners.clear();
        if (observed != null) {
            observed.withdraw();
        }
        delete();
    }

    /** Closes the platform's subscription to the plugin. Calls plugin code, so never under a lock. */
    void unsubscribe() {
        withdrawn = true;
        if (observed != null) {
            close(observed.release());
        }
    }

    private void close(Subscription s) {
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

    /**
     * On the notifier thread: Californium handles each observer's request again, which finds the value here; then
     * the directory's observers hear it, whatever became of the CoAP notifications.
     */
    private void notifyObservers(Reading value) {
        NOTIFYING.set(value);
        try {
            changed();
        } finally {
            NOTIFYING.remove();
            tellListeners(value);
        }
    }

    /** Each on its own, so that one that throws does not silence the others. */
    private void tellListeners(Reading value) {
        for (Consumer<Reading> listener : listeners) {
            if (withdrawn) {
                return;
            }
            try {
                listener.accept(value);
            } catch (RuntimeException e) {
                LOG.warn("An observer of {} failed: {}", pointPath, e.toString());
            }
        }
    }

    /**
     * Observes the point as a CoAP observer does: the listener hears the values its observers are notified of, on the
     * notifier thread, until the subscription is closed or the point withdrawn.
     *
     * @throws UnsupportedOperationException if the point is not observable
     */
    Subscription observe(Consumer<Reading> listener) {
        Objects.requireNonNull(listener, "listener");
        if (observed == null) {
            throw new UnsupportedOperationException(pointPath + " is not observable");
        }
        // A wrapper of its own, so that the same listener observing twice gets two subscriptions that close apart.
        Consumer<Reading> registered = listener::accept;
        listeners.add(registered);
        if (withdrawn) { // withdrawn meanwhile: the subscription has ended already
            listeners.remove(registered);
        }
        return () -> listeners.remove(registered);
    }

    String pointPath() {
        return pointPath;
    }

    PointInfo info() {
        return info;
    }

    /** @return the point's current value as a SenML record, for collections */
    SenmlRecord record() throws Exception {
        return new SenmlRecord(PostIdentity.senmlName(pointPath), info.unit(), read());
    }

    /**
     * Reads the point as a GET does.
     *
     * @return the value a notification carries, else the value the plugin reported, else the plugin's answer
     * @throws PointWithdrawnException if the point is withdrawn
     * @throws PluginCalls.Overrun if the plugin did not answer within its time budget
     * @throws Exception what the plugin threw
     */
    Reading read() throws Exception {
        Reading notifying = NOTIFYING.get();
        if (notifying != null) {
            return notifying;
        }
        if (withdrawn) {
            throw new PointWithdrawnException(pointPath);
        }
        return observed == null ? readThrough() : observed.current(this::readThrough);
    }

    private Reading readThrough() throws Exception {
        Reading reading = guarded("read", point::read);
        if (reading == null) {
            throw new IllegalStateException("the plugin returned no value");
        }
        return reading;
    }

    /**
     * Calls the plugin within the time budget and tells the quarantine how it went: an answer, or the refusal of a bad
     * value (the client's fault), counts as a success; an exception, a missed budget or no value as a failure.
     */
    private <T> T guarded(String action, Callable<T> call) throws Exception {
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
            Errors.respond(exchange, pointPath, "read", e);
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
        return switch (format) {
            case MediaTypes.JSON -> PayloadWriter.json(pointPath, info.unit(), reading);
            case MediaTypes.CBOR -> PayloadWriter.cbor(reading);
            case MediaTypes.SENML_JSON -> PayloadWriter.senmlJson(post.baseName(),
                    List.of(new SenmlRecord(PostIdentity.senmlName(pointPath), info.unit(), reading)));
            case MediaTypes.SENML_CBOR -> PayloadWriter.senmlCbor(post.baseName(),
                    List.of(new SenmlRecord(PostIdentity.senmlName(pointPath), info.unit(), reading)));
            default -> PayloadWriter.text(reading);
        };
    }

    @Override
    public void handlePUT(CoapExchange exchange) {
        if (!info.writable()) { // before the payload: a PUT to a read-only point is 4.05 whatever it carries
            exchange.respond(ResponseCode.METHOD_NOT_ALLOWED, readOnly(), MediaTypeRegistry.TEXT_PLAIN);
            return;
        }
        // A SenML or JSON value in another unit than the point's is refused rather than taken as a number of its unit.
        Reading value = argument(exchange, info.kind(), info.unit());
        if (value == null) {
            return;
        }
        try {
            write(value);
        } catch (InvalidValueException e) {
            exchange.respond(ResponseCode.BAD_REQUEST, e.getMessage(), MediaTypeRegistry.TEXT_PLAIN);
            return;
        } catch (Exception e) {
            Errors.respond(exchange, pointPath, "write", e);
            return;
        }
        exchange.respond(ResponseCode.CHANGED);
    }

    /**
     * Writes the point as a PUT does, once its payload is decoded.
     *
     * @param value a value of the point's kind (text for a JSON point)
     * @throws UnsupportedOperationException if the point is read-only
     * @throws InvalidValueException if the value is of another kind, or the plugin refused it
     * @throws PointWithdrawnException if the point is withdrawn
     * @throws PluginCalls.Overrun if the plugin did not answer within its time budget
     * @throws Exception what the plugin threw
     */
    void write(Reading value) throws Exception {
        Objects.requireNonNull(value, "value");
        if (!info.writable()) {
            throw new UnsupportedOperationException(readOnly());
        }
        if (value.kind() != argumentKind()) {
            throw new InvalidValueException(pointPath + " takes a " + info.kind() + " value, not " + value.kind());
        }
        act("write", () -> {
            point.write(value);
            return null;
        });
    }

    private String readOnly() {
        return pointPath + " is read-only";
    }

    /** @return the kind of value a write or an action takes: text for a structured point (an identifier, say) */
    private ValueKind argumentKind() {
        return info.kind() == ValueKind.STRUCTURED ? ValueKind.TEXT : info.kind();
    }

    /** A POST invokes the point's action; the plugin's answer, if any, is the payload of the 2.04. */
    @Override
    public void handlePOST(CoapExchange exchange) {
        if (!info.postable()) {
            exchange.respond(ResponseCode.METHOD_NOT_ALLOWED, pointPath + " has no action to POST to",
                    MediaTypeRegistry.TEXT_PLAIN);
            return;
        }
        // The answer's format is checked before the action runs: a session must not start only to be refused 4.06.
        boolean accepts = exchange.getRequestOptions().hasAccept();
        if (accepts && !MediaTypes.POINT_FORMATS.contains(exchange.getRequestOptions().getAccept())) {
            exchange.respond(ResponseCode.NOT_ACCEPTABLE, "the answer of " + pointPath + " is served as "
                    + MediaTypes.describe(MediaTypes.POINT_FORMATS), MediaTypeRegistry.TEXT_PLAIN);
            return;
        }
        Reading argument = argument(exchange, argumentKind(), null);
        if (argument == null) {
            return;
        }
        Reading answer;
        try {
            answer = act("act", () -> point.post(argument));
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
            int format = accepts ? exchange.getRequestOptions().getAccept()
                    : answer.kind() == ValueKind.STRUCTURED ? MediaTypes.JSON : MediaTypes.TEXT_PLAIN;
            exchange.respond(ResponseCode.CHANGED, encode(answer, format), format);
        }
    }

    /** A write or an action: whatever its outcome, the value reported before it may no longer be current. */
    private <T> T act(String action, Callable<T> call) throws Exception {
        if (withdrawn) {
            throw new PointWithdrawnException(pointPath);
        }
        try {
            return guarded(action, call);
        } finally {
            if (observed != null) {
                observed.invalidate();
            }
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
