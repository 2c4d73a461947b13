package org.lampyris.tests.osgi.misbehaving;

import java.util.Hashtable;
import java.util.function.Consumer;

import org.lampyris.api.Subscription;
import org.lampyris.api.lighting.LightingControl;
import org.lampyris.api.lighting.LightingStatus;
import org.lampyris.api.point.Point;
import org.lampyris.api.point.PointInfo;
import org.lampyris.api.point.PointPath;
import org.lampyris.api.point.Reading;
import org.lampyris.api.point.StandardPoint;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * A lighting plugin that takes control of the light (it provides the lighting capability) and whose level point then
 * fails on every read.
 */
public class FailingLightingPlugin implements BundleActivator, LightingControl, Point {

    @Override
    public void start(BundleContext context) {
        context.registerService(LightingControl.class, this, null);
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(PointPath.PROPERTY, "/light/level");
        context.registerService(Point.class, this, props);
    }

    @Override
    public void stop(BundleContext context) {
    }

    @Override
    public LightingStatus status() {
        return new LightingStatus(java.time.Instant.now(), 30, 20, 0, false, false);
    }

    @Override
    public Subscription onChange(Consumer<LightingStatus> listener) {
        return () -> { };
    }

    @Override
    public PointInfo info() {
        return StandardPoint.LIGHT_LEVEL.info();
    }

    @Override
    public Reading read() {
        throw new IllegalStateException("driver lost");
    }
}
