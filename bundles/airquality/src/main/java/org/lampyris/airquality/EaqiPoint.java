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
 * The European Air Quality Index band, 1 (good) to 6 (extremely poor), from the rolling means; 0 while no
 * pollutant's mean is known yet, as in the capability's reports. See {@link EuropeanAirQualityIndex}.
 */
@Component(service = Point.class)
@PointPath(StandardPoint.Paths.AIR_EAQI)
public class EaqiPoint extends FollowingPoint<AirState> {

    @Activate
    public EaqiPoint(@Reference AirMonitor monitor) {
        super(StandardPoint.AIR_EAQI);
        follow(monitor::state, monitor::onState);
    }

    @Deactivate
    void deactivate() {
        unfollow();
    }

    @Override
    protected Reading extract(AirState state) {
        return Reading.of(state.eaqi(), state.time());
    }
}
