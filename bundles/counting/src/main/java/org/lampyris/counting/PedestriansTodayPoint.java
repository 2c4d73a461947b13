package org.lampyris.counting;

import org.lampyris.api.point.Point;
import org.lampyris.api.point.PointPath;
import org.lampyris.api.point.StandardPoint;
import org.lampyris.hal.counting.RoadUser;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** Pedestrians counted since local midnight; the reading's time is that midnight. */
@Component(service = Point.class)
@PointPath("/count/today/pedestrian")
public class PedestriansTodayPoint extends CountPoint {

    @Activate
    public PedestriansTodayPoint(@Reference TrafficCounter counter) {
        super(StandardPoint.COUNT_PEDESTRIAN_TODAY, snapshot -> snapshot.todayCount(RoadUser.PEDESTRIAN));
        start(counter);
    }

    @Deactivate
    void deactivate() {
        stop();
    }
}
