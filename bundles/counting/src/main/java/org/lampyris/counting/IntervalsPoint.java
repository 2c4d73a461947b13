package org.lampyris.counting;

import org.lampyris.api.point.FollowingPoint;
import org.lampyris.api.point.Point;
import org.lampyris.api.point.PointPath;
import org.lampyris.api.point.Reading;
import org.lampyris.api.point.StandardPoint;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** The most recent completed intervals with their counts per class and direction (see {@link IntervalsShown}). */
@Component(service = Point.class)
@PointPath(StandardPoint.Paths.COUNT_INTERVALS)
public class IntervalsPoint extends FollowingPoint<CountSnapshot> {

    @Activate
    public IntervalsPoint(@Reference TrafficCounter counter) {
        super(StandardPoint.COUNT_INTERVALS);
        follow(counter::snapshot, counter::onSnapshot);
    }

    @Deactivate
    void deactivate() {
        unfollow();
    }

    @Override
    protected Reading extract(CountSnapshot snapshot) {
        return snapshot.intervals();
    }
}
