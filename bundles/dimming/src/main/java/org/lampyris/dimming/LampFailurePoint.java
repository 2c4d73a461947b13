package org.lampyris.dimming;

import org.lampyris.api.lighting.LightingStatus;
import org.lampyris.api.point.Point;
import org.lampyris.api.point.PointPath;
import org.lampyris.api.point.Reading;
import org.lampyris.api.point.StandardPoint;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** Whether the lamp has failed. */
@Component(service = Point.class)
@PointPath("/light/lamp-failure")
public class LampFailurePoint extends LightPoint {

    @Activate
    public LampFailurePoint(@Reference Dimmer dimmer) {
        super(StandardPoint.LIGHT_LAMP_FAILURE);
        start(dimmer);
    }

    @Deactivate
    void deactivate() {
        stop();
    }

    @Override
    Reading extract(LightingStatus status) {
        return Reading.of(status.lampFailure(), status.time());
    }
}
