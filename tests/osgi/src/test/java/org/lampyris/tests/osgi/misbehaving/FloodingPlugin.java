package org.lampyris.tests.osgi.misbehaving;

import java.time.Instant;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.lampyris.api.Subscription;
import org.lampyris.api.point.Point;
import org.lampyris.api.point.PointInfo;
import org.lampyris.api.point.PointPath;
import org.lampyris.api.point.Reading;
import org.lampyris.api.point.ValueKind;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** A plugin that fires change events as fast as a thread can, for as long as it runs. */
public class FloodingPlugin implements BundleActivator, Point {
    private final List<Consumer<Reading>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean running = true;
    private volatile long value;
    private Thread flood;

    @Override
    public void start(BundleContext context) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(PointPath.PROPERTY, "/vendor/bad/floods");
        context.registerService(Point.class, this, props);
        flood = new Thread(this::flood, "flooding-plugin");
        flood.setDaemon(true);
        flood.start();
    }

    private void flood() {
        while (running) {
            Reading r = Reading.of(++value, Instant.now());
            for (Consumer<Reading> l : listeners) {
                l.accept(r);
            }
        }
    }

    @Override
    public void stop(BundleContext context) throws InterruptedException {
        running = false;
        flood.join(5_000);
    }

    @Override
    public PointInfo info() {
        return new PointInfo("", List.of("bad.floods"), PointInfo.Interface.SENSOR, ValueKind.NUMBER, false, true,
                "Floods");
    }

    @Override
    public Reading read() {
        return Reading.of(value, Instant.now());
    }

    @Override
    public Subscription observe(Consumer<Reading> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
