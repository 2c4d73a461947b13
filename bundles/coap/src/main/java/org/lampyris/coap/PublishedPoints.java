package org.lampyris.coap;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.lampyris.api.Subscription;
import org.lampyris.api.point.PointDirectory;
import org.lampyris.api.point.PointInfo;
import org.lampyris.api.point.Reading;
import org.lampyris.api.point.RefusedPoint;
import org.osgi.annotation.bundle.Capability;

/**
 * The points of the endpoint's tree as a {@link PointDirectory}, registered while the endpoint runs. Every call goes
 * to the {@link PublishedPoint} that the point's CoAP resource serves too, so that a protocol bridge gets the value a
 * GET gets, and its writes are refused, guarded and followed by a fresh read exactly as a PUT's are. Only the
 * failures are told the directory's way: no point is {@link NoSuchElementException}, a missed time budget
 * {@link TimeoutException}.
 */
// Registered by the endpoint, not by Declarative Services: say so, for the resolver of bundles that need it.
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.lampyris.api.point.PointDirectory",
        uses = PointDirectory.class)
final class PublishedPoints implements PointDirectory {
    private final PointTree tree;

    PublishedPoints(PointTree tree) {
        this.tree = tree;
    }

    @Override
    public Map<String, PointInfo> points() {
        return tree.points();
    }

    @Override
    public List<RefusedPoint> refused() {
        return tree.refusals();
    }

    @Override
    public Subscription onPointsChanged(Runnable changed) {
        return tree.onChange(Objects.requireNonNull(changed, "changed"));
    }

    @Override
    public Reading read(String path) throws Exception {
        PublishedPoint point = point(path);
        try {
            return point.read();
        } catch (PointWithdrawnException | PluginCalls.Overrun e) {
            throw translated(path, e);
        }
    }

    @Override
    public void write(String path, Reading value) throws Exception {
        PublishedPoint point = point(path);
        try {
            point.write(value);
        } catch (PointWithdrawnException | PluginCalls.Overrun e) {
            throw translated(path, e);
        }
    }

    @Override
    public Subscription observe(String path, Consumer<Reading> listener) {
        return point(path).observe(listener);
    }

    private PublishedPoint point(String path) {
        PublishedPoint point = tree.point(path);
        if (point == null) {
            throw new NoSuchElementException("no point is published at " + path);
        }
        return point;
    }

    /** A point withdrawn while the call was on its way is no longer published; an overrun is a timeout. */
    private static Exception translated(String path, Exception e) {
        Exception told = e instanceof PluginCalls.Overrun ? new TimeoutException(e.getMessage())
                : new NoSuchElementException(path + " is no longer published");
        told.initCause(e);
        return told;
    }
}
