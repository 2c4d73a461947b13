package org.lampyris.tests.osgi.updates;

import java.util.Hashtable;
import java.util.List;

import org.lampyris.api.point.Point;
import org.lampyris.api.point.PointInfo;
import org.lampyris.api.point.PointPath;
import org.lampyris.api.point.Reading;
import org.lampyris.api.point.ValueKind;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** A plugin that starts but whose point never answers. */
public class UnreadablePoint implements BundleActivator, Point {
    @Override
    public void start(BundleContext context) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(PointPath.PROPERTY, "/vendor/test/unreadable-" + context.getBundle().getSymbolicName());
        context.registerService(Point.class, this, props);
    }

    @Override
    public void stop(BundleContext context) {
    }

    @Override
    public PointInfo info() {
        return new PointInfo("", List.of("test.unreadable"), PointInfo.Interface.SENSOR, ValueKind.NUMBER, false,
                false, "Unreadable");
    }

    @Override
    public Reading read() {
        throw new IllegalStateException("sensor bus timeout");
    }
}
