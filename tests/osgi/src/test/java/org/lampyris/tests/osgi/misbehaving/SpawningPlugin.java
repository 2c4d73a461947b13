package org.lampyris.tests.osgi.misbehaving;

import java.time.Instant;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.lampyris.api.point.Point;
import org.lampyris.api.point.PointInfo;
import org.lampyris.api.point.PointPath;
import org.lampyris.api.point.Reading;
import org.lampyris.api.point.ValueKind;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** A plugin that starts a thread on every read and leaves it running until the bundle stops. */
public class SpawningPlugin implements BundleActivator, Point {
    private final AtomicInteger spawned = new AtomicInteger();
    private volatile boolean stopped;

    @Override
    public void start(BundleContext context) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(PointPath.PROPERTY, "/vendor/bad/spawns");
        context.registerService(Point.class, this, props);
    }

    @Override
    public void stop(BundleContext context) {
        stopped = true;
    }

    @Override
    public PointInfo info() {
        return new PointInfo("", List.of("bad.spawns"), PointInfo.Interface.SENSOR, ValueKind.NUMBER, false, false,
                "Spawns threads");
    }

    @Override
    public Reading read() {
        Thread t = new Thread(this::idle, "spawned-" + spawned.incrementAndGet());
        t.setDaemon(true);
        t.start();
        return Reading.of(spawned.get(), Instant.now());
    }

    private void idle() {
        while (!stopped) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
