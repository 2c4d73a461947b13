package org.lampyris.tests.osgi.updates;

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

/** A plugin whose point {@code /vendor/test/<bundle name>} reads its own bundle version. */
public class VersionPlugin implements BundleActivator, Point {
    private String version;

    @Override
    public void start(BundleContext context) {
        version = context.getBundle().getVersion().toString();
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(PointPath.PROPERTY, "/vendor/test/" + context.getBundle().getSymbolicName());
        context.registerService(Point.class, this, props);
    }

    @Override
    public void stop(BundleContext context) {
    }

    @Override
    public PointInfo info() {
        return new PointInfo("", List.of("test.version"), PointInfo.Interface.SENSOR, ValueKind.TEXT, false, false,
                "Version");
    }

    @Override
    public Reading read() {
        return Reading.of(version, Instant.now());
    }
}
