package org.lampyris.counting;

import org.lampyris.api.point.Point;
import org.lampyris.api.point.PointPath;
import org.lampyris.api.point.StandardPoint;
import org.lampyris.hal.counting.RoadUser;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** Vehicles counted in the current interval, either way; the reading's time is the interval's start. */
@Component(service = Point.class)
@PointPath("/count/vehicle")
public class VehiclePoint extends CountPoint {

    @Activate
    public VehiclePoint(@Reference TrafficCounter counter) {
        super(StandardPoint.COUNT_VEHICLE, snapshot -> snapshot.intervalCount(RoadUser.VEHICLE));
        start(counter);
    }

    @Deactivate
    void deactivate() {
        stop();
    }
}
