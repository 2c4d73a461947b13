package org.lampyris.counting;

import org.lampyris.api.point.FollowingPoint;
import org.lampyris.api.point.Point;
import org.lampyris.api.point.PointPath;
import org.lampyris.api.point.Reading;
import org.lampyris.api.point.StandardPoint;
import org.lampyris.hal.counting.RoadUser;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** Pedestrians counted since local midnight; the reading's time is that midnight. */
@Component(service = Point.class)
@PointPath(StandardPoint.Paths.COUNT_PEDESTRIAN_TODAY)
public class PedestriansTodayPoint extends FollowingPoint<CountSnapshot> {

    @Activate
    public PedestriansTodayPoint(@Reference TrafficCounter counter) {
        super(StandardPoint.COUNT_PEDESTRIAN_TODAY);
        follow(counter::snapshot, counter::onSnapshot);
    }

    @Deactivate
    void deactivate() {
        unfollow();
    }

    @Override
    protected Reading extract(CountSnapshot snapshot) {
        return snapshot.todayCount(RoadUser.PEDESTRIAN);
    }
}
