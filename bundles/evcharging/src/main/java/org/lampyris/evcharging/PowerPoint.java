package org.lampyris.evcharging;

import org.lampyris.api.charging.ChargePointStatus;
import org.lampyris.api.point.FollowingPoint;
import org.lampyris.api.point.Point;
import org.lampyris.api.point.PointPath;
import org.lampyris.api.point.Reading;
import org.lampyris.api.point.StandardPoint;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** The charging power, in W. */
@Component(service = Point.class)
@PointPath(StandardPoint.Paths.EV_POWER)
public class PowerPoint extends FollowingPoint<ChargePointStatus> {

    @Activate
    public PowerPoint(@Reference Charger charger) {
        super(StandardPoint.EV_POWER);
        follow(charger::status, charger::onChange);
    }

    @Deactivate
    void deactivate() {
        unfollow();
    }

    @Override
    protected Reading extract(ChargePointStatus status) {
        return Reading.of(round(status.powerWatts(), 1), status.time());
    }
}
