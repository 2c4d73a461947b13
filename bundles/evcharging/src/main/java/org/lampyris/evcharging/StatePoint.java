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

/** The IEC 61851 state of the charge point, A to F: A no vehicle, B connected, C and D charging, E and F errors. */
@Component(service = Point.class)
@PointPath(StandardPoint.Paths.EV_STATE)
public class StatePoint extends FollowingPoint<ChargePointStatus> {

    @Activate
    public StatePoint(@Reference Charger charger) {
        super(StandardPoint.EV_STATE);
        follow(charger::status, charger::onChange);
    }

    @Deactivate
    void deactivate() {
        unfollow();
    }

    @Override
    protected Reading extract(ChargePointStatus status) {
        return Reading.of(status.state(), status.time());
    }
}
