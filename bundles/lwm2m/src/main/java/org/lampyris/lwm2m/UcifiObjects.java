package org.lampyris.lwm2m;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

import org.eclipse.leshan.client.LwM2mClient;
import org.eclipse.leshan.client.resource.ObjectEnabler;
import org.eclipse.leshan.core.model.LwM2mModel;
import org.lampyris.api.Subscription;
import org.lampyris.api.point.PointDirectory;
import org.lampyris.api.point.PointInfo;

/**
 * The uCIFI objects of the post: each has instance 0 while some point of the post makes one of its resources, and no
 * instance otherwise, so that a server sees the lamp controller go when the lighting plugin is uninstalled and come
 * back with the next one. Instances follow the points as plugins come and go; each added or removed instance updates
 * the registration.
 */
final class UcifiObjects implements AutoCloseable {
    private final PointDirectory points;
    private final ExecutorService worker;
    private final Map<Integer, ObjectEnabler> enablers = new LinkedHashMap<>();
    private final Map<Integer, UcifiInstance> instances = new LinkedHashMap<>();
    // Worker thread only
    private final List<Subscription> observing = new ArrayList<>();
    private Subscription pointsChanged;
    private LwM2mClient client;

    UcifiObjects(LwM2mModel model, PointDirectory points, ExecutorService worker) {
        this.points = points;
        this.worker = worker;
        for (int id : UcifiMapping.OBJECTS) {
            enablers.put(id, new UcifiObjectEnabler(model.getObjectModel(id)));
            instances.put(id, new UcifiInstance(id, model.getObjectModel(id), points));
        }
    }

    List<ObjectEnabler> enablers() {
        return List.copyOf(enablers.values());
    }

    /**
     * Adds the instances the points make now, and follows the points from now on.
     *
     * @return done when the instances of now are in place
     */
    java.util.concurrent.Future<?> start(LwM2mClient lwm2mClient) {
        return worker.submit(() -> {
            client = lwm2mClient;
            pointsChanged = points.onPointsChanged(() -> worker.execute(this::refresh));
            refresh();
        });
    }

    private void refresh() {
        if (client == null) {
            return; // closed
        }
        observing.forEach(UcifiInstance::close);
        observing.clear();
        Map<String, PointInfo> published = points.points();
        for (int id : UcifiMapping.OBJECTS) {
            ObjectEnabler enabler = enablers.get(id);
            UcifiInstance instance = instances.get(id);
            boolean present = enabler.getAvailableInstanceIds().contains(0);
            if (instance.bind(published)) {
                if (!present) {
                    instance.setLwM2mClient(client);
                    enabler.addInstance(0, instance);
                }
                for (Map.Entry<String, List<Integer>> e : instance.observablePaths().entrySet()) {
                    try {
                        observing.add(points.observe(e.getKey(), value -> instance.changed(e.getValue())));
                    } catch (RuntimeException gone) {
                        // withdrawn meanwhile: the next refresh follows
                    }
                }
            } else if (present) {
                enabler.removeInstance(0);
            }
        }
    }

    @Override
    public void close() {
        worker.execute(() -> {
            client = null;
            if (pointsChanged != null) {
                pointsChanged.close();
            }
            observing.forEach(UcifiInstance::close);
            observing.clear();
        });
    }
}
