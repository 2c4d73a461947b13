package org.lampyris.tests.osgi.misbehaving;

import java.util.Hashtable;
import java.util.List;

import org.lampyris.api.point.Point;
import org.lampyris.api.point.PointInfo;
import org.lampyris.api.point.PointPath;
import org.lampyris.api.point.Reading;
import org.lampyris.api.point.ValueKind;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** A plugin whose point never returns from a read, and ignores interruption. */
public class BlockingPlugin implements BundleActivator, Point {
    private volatile boolean stopped;

    @Override
    public void start(BundleContext context) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(PointPath.PROPERTY, "/vendor/bad/blocks");
        context.registerService(Point.class, this, props);
    }

    @Override
    public void stop(BundleContext context) {
        stopped = true; // lets the held threads go once the test is over, so that they do not pile up
    }

    @Override
    public PointInfo info() {
        return new PointInfo("", List.of("bad.blocks"), PointInfo.Interface.SENSOR, ValueKind.NUMBER, false, false,
                "Blocks");
    }

    @Override
    public Reading read() {
        while (!stopped) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                // a hung driver does not care
            }
        }
        return null;
    }
}
