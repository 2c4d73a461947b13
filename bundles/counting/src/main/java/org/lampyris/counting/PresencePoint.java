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

/** How many road users are near the post now, as the sensor reports. */
@Component(service = Point.class)
@PointPath(StandardPoint.Paths.COUNT_PRESENCE)
public class PresencePoint extends FollowingPoint<CountSnapshot> {

    @Activate
    public PresencePoint(@Reference TrafficCounter counter) {
        super(StandardPoint.COUNT_PRESENCE);
        follow(counter::snapshot, counter::onSnapshot);
    }

    @Deactivate
    void deactivate() {
        unfollow();
    }

    @Override
    protected Reading extract(CountSnapshot snapshot) {
        return snapshot.presence();
    }
}
