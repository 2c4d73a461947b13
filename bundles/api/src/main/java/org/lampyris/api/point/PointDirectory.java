package org.lampyris.api.point;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.lampyris.api.Subscription;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The points published on this post, served the way the CoAP resources serve them: the same values (an observable
 * point is answered from what its plugin last reported), the same time budget, the same refusal of bad values and
 * the same quarantine of a plugin that keeps failing. The platform registers one; a protocol bridge of the platform
 * (LwM2M, say) uses it instead of calling {@link Point} services itself, so that a value refused over CoAP is refused
 * over every other protocol too.
 * <p>
 * Writes through the directory are a client's writes: the caller decides, as the CoAP endpoint does for its roles,
 * whether its client may write at all.
 */
@ProviderType
public interface PointDirectory {

    /** @return the points published now, by path, with what they are */
    Map<String, PointInfo> points();

    /** @return the point services the platform did not publish, with the reason, in the order they were refused */
    List<RefusedPoint> refused();

    /**
     * @param changed called, on a platform thread, after a point was published or withdrawn; it returns quickly
     * @return the subscription that stops the calls
     */
    Subscription onPointsChanged(Runnable changed);

    /**
     * @return the point's value, as a GET over CoAP would answer it
     * @throws NoSuchElementException if no point is published at the path
     * @throws TimeoutException if the plugin did not answer within the time budget
     * @throws Exception whatever the plugin threw
     */
    Reading read(String path) throws Exception;

    /**
     * Writes a point as a PUT over CoAP would.
     *
     * @param value a value of the point's {@link PointInfo#kind() kind}
     * @throws NoSuchElementException if no point is published at the path
     * @throws UnsupportedOperationException if the point is read-only
     * @throws InvalidValueException if the value is refused (wrong kind, or by the plugin); nothing changed
     * @throws TimeoutException if the plugin did not answer within the time budget
     * @throws Exception whatever the plugin threw
     */
    void write(String path, Reading value) throws Exception;

    /**
     * Observes a point as a CoAP observer would: the listener hears each value the plugin reports.
     *
     * @param listener called, on a platform thread, with each new value; it returns quickly
     * @return the subscription; it ends by itself when the point is withdrawn
     * @throws NoSuchElementException if no point is published at the path
     * @throws UnsupportedOperationException if the point is not observable
     */
    Subscription observe(String path, Consumer<Reading> listener);
}
