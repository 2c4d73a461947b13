package org.lampyris.counting;

import org.lampyris.api.point.Point;
import org.lampyris.api.point.PointPath;
import org.lampyris.api.point.StandardPoint;
import org.lampyris.hal.counting.RoadUser;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** Cyclists counted since local midnight; the reading's time is that midnight. */
@Component(service = Point.class)
@PointPath("/count/today/cyclist")
public class CyclistsTodayPoint extends CountPoint {

    @Activate
    public CyclistsTodayPoint(@Reference TrafficCounter counter) {
        super(StandardPoint.COUNT_CYCLIST_TODAY, snapshot -> snapshot.todayCount(RoadUser.CYCLIST));
        start(counter);
    }

    @Deactivate
    void deactivate() {
        stop();
    }
}
