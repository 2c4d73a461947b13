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

/**
 * The threshold alerts in force (see {@link AirShown}); observers are told each time an alert starts or ends.
 */
@Component(service = Point.class)
@PointPath(StandardPoint.Paths.AIR_ALERT)
public class AlertPoint extends FollowingPoint<AirState> {

    @Activate
    public AlertPoint(@Reference AirMonitor monitor) {
        super(StandardPoint.AIR_ALERT);
        follow(monitor::state, monitor::onState);
    }

    @Deactivate
    void deactivate() {
        unfollow();
    }

    @Override
    protected Reading extract(AirState state) {
        return Reading.structured(AirShown.alerts(state.alerts()), state.time());
    }
}
