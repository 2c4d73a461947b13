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

/** The charge point's meter, in Wh: all the energy it has delivered. */
@Component(service = Point.class)
@PointPath(StandardPoint.Paths.EV_ENERGY)
public class EnergyPoint extends FollowingPoint<ChargePointStatus> {

    @Activate
    public EnergyPoint(@Reference Charger charger) {
        super(StandardPoint.EV_ENERGY);
        follow(charger::status, charger::onChange);
    }

    @Deactivate
    void deactivate() {
        unfollow();
    }

    @Override
    protected Reading extract(ChargePointStatus status) {
        return Reading.of(round(status.energyWattHours(), 1), status.time());
    }
}
