package org.lampyris.lwm2m;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeoutException;

import org.eclipse.leshan.client.resource.BaseInstanceEnabler;
import org.eclipse.leshan.client.servers.LwM2mServer;
import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.model.ResourceModel;
import org.eclipse.leshan.core.node.LwM2mResource;
import org.eclipse.leshan.core.response.ReadResponse;
import org.eclipse.leshan.core.ResponseCode;
import org.eclipse.leshan.core.response.WriteResponse;
import org.lampyris.api.Subscription;
import org.lampyris.api.point.InvalidValueException;
import org.lampyris.api.point.PointDirectory;
import org.lampyris.api.point.PointInfo;
import org.lampyris.api.point.Reading;
import org.lampyris.api.point.ValueKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Instance 0 of a uCIFI object, made of the post's points through {@link UcifiMapping}: a read is a read of the point
 * as a CoAP GET would answer it, a write is a write as a CoAP PUT would make it (the plugin's refusal of a bad value
 * becomes 4.00 with its reason), and each change the plugin reports is a change of the resource, which is what
 * LwM2M observations of it hear. Everything goes through the platform's {@link PointDirectory}.
 */
final class UcifiInstance extends BaseInstanceEnabler {
    private static final Logger LOG = LoggerFactory.getLogger(UcifiInstance.class);

    private final PointDirectory points;
    private final List<UcifiMapping> mappings;
    // Guarded by this: the resources that have a point now, and the subscriptions to those points' changes.
    private Map<Integer, Bound> bound = Map.of();

    /** A resource with the point it is made of. */
    private record Bound(UcifiMapping mapping, String path, PointInfo info) {
    }

    UcifiInstance(int objectId, ObjectModel model, PointDirectory points) {
        super(0);
        setModel(model);
        this.points = points;
        this.mappings = UcifiMapping.of(objectId);
    }

    /**
     * Binds the resources to the points published now.
     *
     * @param published the points by path
     * @return true if some resource of this object has a point
     */
    boolean bind(Map<String, PointInfo> published) {
        Map<Integer, Bound> next = new HashMap<>();
        for (UcifiMapping m : mappings) {
            for (Map.Entry<String, PointInfo> p : published.entrySet()) {
                if (p.getValue().resourceTypes().contains(m.resourceType()) && model.resources.containsKey(
                        m.resource())) {
                    next.putIfAbsent(m.resource(), new Bound(m, p.getKey(), p.getValue()));
                }
            }
        }
        synchronized (this) {
            bound = Map.copyOf(next);
        }
        return !next.isEmpty();
    }

    /** @return the paths of the bound points that are observable, with the resources each one makes */
    synchronized Map<String, List<Integer>> observablePaths() {
        Map<String, List<Integer>> paths = new HashMap<>();
        for (Map.Entry<Integer, Bound> e : bound.entrySet()) {
            if (e.getValue().info().observable()) {
                paths.computeIfAbsent(e.getValue().path(), p -> new ArrayList<>()).add(e.getKey());
            }
        }
        return paths;
    }

    /** Tells observers of these resources that their value changed. */
    void changed(List<Integer> resourceIds) {
        fireResourcesChange(getResourcePaths(resourceIds.stream().mapToInt(Integer::intValue).toArray()));
    }

    @Override
    public synchronized List<Integer> getAvailableResourceIds(ObjectModel objectModel) {
        List<Integer> ids = new ArrayList<>(bound.keySet());
        Collections.sort(ids);
        return ids;
    }

    private synchronized Bound bound(int resourceId) {
        return bound.get(resourceId);
    }

    @Override
    public ReadResponse read(LwM2mServer server, int resourceId) {
        Bound b = bound(resourceId);
        if (b == null) {
            return ReadResponse.notFound();
        }
        ResourceModel resource = model.resources.get(resourceId);
        Reading reading;
        try {
            reading = points.read(b.path());
        } catch (NoSuchElementException e) {
            return ReadResponse.notFound();
        } catch (TimeoutException e) {
            return ReadResponse.internalServerError(b.path() + " did not answer in time");
        } catch (Exception e) {
            LOG.debug("Reading {} for /{}/0/{} failed", b.path(), model.id, resourceId, e);
            return ReadResponse.internalServerError(b.path() + " cannot be read: " + e.getMessage());
        }
        Object value = reading.value();
        return switch (resource.type) {
        case BOOLEAN -> value instanceof Boolean v ? ReadResponse.success(resourceId, v)
                : ReadResponse.internalServerError(b.path() + " is not a boolean");
        case INTEGER -> value instanceof Double d ? ReadResponse.success(resourceId,
                Math.round(d * b.mapping().factor())) : ReadResponse.internalServerError(b.path() + " is not a number");
        case FLOAT -> value instanceof Double d ? ReadResponse.success(resourceId, d * b.mapping().factor())
                : ReadResponse.internalServerError(b.path() + " is not a number");
        default -> ReadResponse.success(resourceId, reading.text());
        };
    }

    @Override
    public WriteResponse write(LwM2mServer server, boolean replace, int resourceId, LwM2mResource value) {
        Bound b = bound(resourceId);
        if (b == null) {
            return WriteResponse.notFound();
        }
        Reading reading;
        Object v = value.getValue();
        if (b.info().kind() == ValueKind.NUMBER && v instanceof Number n) {
            reading = Reading.of(n.doubleValue() / b.mapping().factor(), Instant.now());
        } else if (b.info().kind() == ValueKind.BOOLEAN && v instanceof Boolean flag) {
            reading = Reading.of(flag, Instant.now());
        } else {
            return WriteResponse.badRequest(b.path() + " takes a " + b.info().kind().name().toLowerCase() + ", not "
                    + v);
        }
        try {
            points.write(b.path(), reading);
        } catch (InvalidValueException e) {
            return WriteResponse.badRequest(e.getMessage());
        } catch (NoSuchElementException e) {
            return WriteResponse.notFound();
        } catch (UnsupportedOperationException e) {
            return new WriteResponse(ResponseCode.METHOD_NOT_ALLOWED, e.getMessage());
        } catch (TimeoutException e) {
            return WriteResponse.internalServerError(b.path() + " did not answer in time");
        } catch (Exception e) {
            LOG.debug("Writing {} for /{}/0/{} failed", b.path(), model.id, resourceId, e);
            return WriteResponse.internalServerError(b.path() + " cannot be written: " + e.getMessage());
        }
        return WriteResponse.success();
    }

    /** Closes a subscription quietly. */
    static void close(Subscription s) {
        try {
            s.close();
        } catch (RuntimeException e) {
            LOG.debug("Closing a point subscription failed", e);
        }
    }
}
