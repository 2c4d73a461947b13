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

/** The current the vehicle draws, in A per phase. */
@Component(service = Point.class)
@PointPath(StandardPoint.Paths.EV_CURRENT)
public class CurrentPoint extends FollowingPoint<ChargePointStatus> {

    @Activate
    public CurrentPoint(@Reference Charger charger) {
        super(StandardPoint.EV_CURRENT);
        follow(charger::status, charger::onChange);
    }

    @Deactivate
    void deactivate() {
        unfollow();
    }

    @Override
    protected Reading extract(ChargePointStatus status) {
        return Reading.of(round(status.currentAmps(), 1), status.time());
    }
}
