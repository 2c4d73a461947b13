package org.lampyris.tests.osgi.nonconforming;

import java.time.Instant;
import java.util.Hashtable;
import java.util.List;

import org.lampyris.api.point.Point;
import org.lampyris.api.point.PointInfo;
import org.lampyris.api.point.PointPath;
import org.lampyris.api.point.Reading;
import org.lampyris.api.point.ValueKind;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Counts ticks on a thread it starts and never stops: rule 7. The thread ends only when its test says so. */
public class ThreadLeaker implements BundleActivator, Point {
    /** Set by the test when it is done, so that the leaked thread does not outlive it. */
    public static volatile boolean release;
    private volatile long ticks;

    @Override
    public void start(BundleContext context) {
        Thread ticker = new Thread(this::tick, "leaky-ticker");
        ticker.setDaemon(true);
        ticker.start();
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(PointPath.PROPERTY, "/vendor/leaky/ticks");
        context.registerService(Point.class, this, props);
    }

    private void tick() {
        while (!release) {
            ticks++;
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void stop(BundleContext context) {
        // forgets the ticker
    }

    @Override
    public PointInfo info() {
        return new PointInfo("count", List.of("leaky.ticks"), PointInfo.Interface.SENSOR, ValueKind.NUMBER, false,
                false, "Ticks");
    }

    @Override
    public Reading read() {
        return Reading.of(ticks, Instant.now());
    }
}
