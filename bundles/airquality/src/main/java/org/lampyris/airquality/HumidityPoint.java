package org.lampyris.airquality;

import org.lampyris.api.point.Point;
import org.lampyris.api.point.PointPath;
import org.lampyris.api.point.StandardPoint;
import org.lampyris.hal.air.AirChannel;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** The relative humidity, in %RH: the latest valid reading, observable. */
@Component(service = Point.class)
@PointPath(StandardPoint.Paths.AIR_HUMIDITY)
public class HumidityPoint extends ChannelPoint {

    @Activate
    public HumidityPoint(@Reference AirMonitor monitor) {
        super(StandardPoint.AIR_HUMIDITY, AirChannel.HUMIDITY);
        follow(monitor::state, monitor::onState);
    }

    @Deactivate
    void deactivate() {
        unfollow();
    }
}
