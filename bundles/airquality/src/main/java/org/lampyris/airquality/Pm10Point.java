package org.lampyris.airquality;

import org.lampyris.api.point.Point;
import org.lampyris.api.point.PointPath;
import org.lampyris.api.point.StandardPoint;
import org.lampyris.hal.air.AirChannel;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** The PM10 concentration, in ug/m3: the latest valid reading, observable. */
@Component(service = Point.class)
@PointPath(StandardPoint.Paths.AIR_PM10)
public class Pm10Point extends ChannelPoint {

    @Activate
    public Pm10Point(@Reference AirMonitor monitor) {
        super(StandardPoint.AIR_PM10, AirChannel.PM10);
        follow(monitor::state, monitor::onState);
    }

    @Deactivate
    void deactivate() {
        unfollow();
    }
}
