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

/** A wind speed without a unit: rule 3. */
public class UnitlessPoint implements BundleActivator, Point {

    @Override
    public void start(BundleContext context) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(PointPath.PROPERTY, "/vendor/windy/speed");
        context.registerService(Point.class, this, props);
    }

    @Override
    public void stop(BundleContext context) {
    }

    @Override
    public PointInfo info() {
        return new PointInfo("", List.of("windy.speed"), PointInfo.Interface.SENSOR, ValueKind.NUMBER, false, false,
                "Wind speed");
    }

    @Override
    public Reading read() {
        return Reading.of(4.5, Instant.now());
    }
}
