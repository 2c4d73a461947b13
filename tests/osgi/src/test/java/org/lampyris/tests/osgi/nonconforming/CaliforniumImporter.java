package org.lampyris.tests.osgi.nonconforming;

import java.time.Instant;
import java.util.Hashtable;

import org.lampyris.api.point.Point;
import org.lampyris.api.point.PointInfo;
import org.lampyris.api.point.PointPath;
import org.lampyris.api.point.Reading;
import org.lampyris.api.point.StandardPoint;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** A well-behaved point, but its bundle imports Californium (its manifest says so): rule 1. */
public class CaliforniumImporter implements BundleActivator, Point {

    @Override
    public void start(BundleContext context) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(PointPath.PROPERTY, "/vendor/direct/pressure");
        context.registerService(Point.class, this, props);
    }

    @Override
    public void stop(BundleContext context) {
    }

    @Override
    public PointInfo info() {
        PointInfo like = StandardPoint.LIGHT_POWER.info();
        return new PointInfo("hPa", java.util.List.of("direct.pressure"), like.iface(), like.kind(), false, false,
                "Pressure");
    }

    @Override
    public Reading read() {
        return Reading.of(1013, Instant.now());
    }
}
