package org.lampyris.airquality;

import org.lampyris.api.point.FollowingPoint;
import org.lampyris.api.point.Point;
import org.lampyris.api.point.PointPath;
import org.lampyris.api.point.Reading;
import org.lampyris.api.point.StandardPoint;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** The health of each sensor channel with a reason (see {@link AirShown}); observers hear of each change. */
@Component(service = Point.class)
@PointPath(StandardPoint.Paths.AIR_STATUS)
public class StatusPoint extends FollowingPoint<AirState> {

    @Activate
    public StatusPoint(@Reference AirMonitor monitor) {
        super(StandardPoint.AIR_STATUS);
        follow(monitor::state, monitor::onState);
    }

    @Deactivate
    void deactivate() {
        unfollow();
    }

    @Override
    protected Reading extract(AirState state) {
        return Reading.structured(AirShown.status(state.channels().values()), state.time());
    }
}
