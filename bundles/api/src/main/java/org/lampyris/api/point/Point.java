package org.lampyris.api.point;

import java.util.function.Consumer;

import org.lampyris.api.Subscription;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A named value that a plugin publishes: a light level, a PM2.5 concentration, a charge-point state.
 * <p>
 * A plugin registers a point as an OSGi service of this interface with a {@link PointPath} property, for example with
 * Declarative Services:
 *
 * <pre>
 * &#64;Component(service = Point.class)
 * &#64;PointPath("/light/level")
 * public class LightLevel implements Point { ... }
 * </pre>
 *
 * The platform reads {@link #info()} once when the service appears. It calls {@link #read()}, {@link #write} and
 * {@link #observe} from its own threads, concurrently, within a time budget: implementations must be thread-safe and
 * return quickly. An exception thrown by any of them is reported to the client as a server error; it never reaches
 * other plugins.
 */
@ConsumerType
public interface Point {

    /** @return what this point is: unit, types, access; constant for the life of the service */
    PointInfo info();

    /**
     * @return the current value
     * @throws Exception if the value cannot be read now (a failed sensor, say); the client gets a server error
     */
    Reading read() throws Exception;

    /**
     * Changes the value. Only called when {@link PointInfo#writable()} is true, with a value of the point's
     * {@link PointInfo#kind() kind}.
     *
     * @param value the requested value
     * @throws InvalidValueException if the value is not acceptable; its message tells the client why
     * @throws Exception if the change failed for another reason
     */
    default void write(Reading value) throws Exception {
        throw new UnsupportedOperationException("point is read-only");
    }

    /**
     * Performs the point's action, as a CoAP POST asks: start a charging session for an identifier, say. Only called
     * when {@link PointInfo#postable()} is true, with the request's payload as a value of the point's
     * {@link PointInfo#kind() kind}.
     *
     * @param argument what the client sent
     * @return what to answer the client, such as the session started
     * @throws InvalidValueException if the argument is not acceptable; its message tells the client why
     * @throws Exception if the action failed for another reason
     */
    default Reading post(Reading argument) throws Exception {
        throw new UnsupportedOperationException("point has no action");
    }

    /**
     * Registers a listener for changes of the value. Only called when {@link PointInfo#observable()} is true. The
     * plugin calls the listener whenever the value changes, from any thread; the listener returns quickly.
     *
     * @param listener receives each new value
     * @return the subscription the platform closes when it no longer observes
     */
    default Subscription observe(Consumer<Reading> listener) {
        throw new UnsupportedOperationException("point is not observable");
    }
}
