package org.lampyris.dimming;

import org.lampyris.api.lighting.LightingStatus;
import org.lampyris.api.point.FollowingPoint;
import org.lampyris.api.point.Point;
import org.lampyris.api.point.PointPath;
import org.lampyris.api.point.Reading;
import org.lampyris.api.point.StandardPoint;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** The electrical power of the luminaire, in W. */
@Component(service = Point.class)
@PointPath(StandardPoint.Paths.LIGHT_POWER)
public class PowerPoint extends FollowingPoint<LightingStatus> {

    @Activate
    public PowerPoint(@Reference Dimmer dimmer) {
        super(StandardPoint.LIGHT_POWER);
        follow(dimmer::status, dimmer::onChange);
    }

    @Deactivate
    void deactivate() {
        unfollow();
    }

    @Override
    protected Reading extract(LightingStatus status) {
        return Reading.of(round(status.powerWatts(), 1), status.time());
    }
}
