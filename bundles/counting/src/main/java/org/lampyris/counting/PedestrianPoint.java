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

/** Pedestrians counted in the current interval, either way; the reading's time is the interval's start. */
@Component(service = Point.class)
@PointPath(StandardPoint.Paths.COUNT_PEDESTRIAN)
public class PedestrianPoint extends FollowingPoint<CountSnapshot> {

    @Activate
    public PedestrianPoint(@Reference TrafficCounter counter) {
        super(StandardPoint.COUNT_PEDESTRIAN);
        follow(counter::snapshot, counter::onSnapshot);
    }

    @Deactivate
    void deactivate() {
        unfollow();
    }

    @Override
    protected Reading extract(CountSnapshot snapshot) {
        return snapshot.intervalCount(RoadUser.PEDESTRIAN);
    }
}
