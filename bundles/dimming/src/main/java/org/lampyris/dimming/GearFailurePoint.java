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

/** Whether the control gear reports a fault. */
@Component(service = Point.class)
@PointPath(StandardPoint.Paths.LIGHT_GEAR_FAILURE)
public class GearFailurePoint extends FollowingPoint<LightingStatus> {

    @Activate
    public GearFailurePoint(@Reference Dimmer dimmer) {
        super(StandardPoint.LIGHT_GEAR_FAILURE);
        follow(dimmer::status, dimmer::onChange);
    }

    @Deactivate
    void deactivate() {
        unfollow();
    }

    @Override
    protected Reading extract(LightingStatus status) {
        return Reading.of(status.gearFailure(), status.time());
    }
}
