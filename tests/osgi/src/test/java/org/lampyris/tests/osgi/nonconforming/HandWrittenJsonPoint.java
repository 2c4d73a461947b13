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

/** A structured point that writes its JSON by hand instead of returning the structure: rule 3. */
public class HandWrittenJsonPoint implements BundleActivator, Point {

    @Override
    public void start(BundleContext context) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(PointPath.PROPERTY, "/vendor/oldstyle/sessions");
        context.registerService(Point.class, this, props);
    }

    @Override
    public void stop(BundleContext context) {
    }

    @Override
    public PointInfo info() {
        return new PointInfo("", List.of("oldstyle.sessions"), PointInfo.Interface.SENSOR, ValueKind.STRUCTURED,
                false, false, "Sessions");
    }

    @Override
    public Reading read() {
        return Reading.of("[{\"id\":1}]", Instant.now());
    }
}
