package org.lampyris.airquality;

import org.lampyris.api.point.Point;
import org.lampyris.api.point.PointPath;
import org.lampyris.api.point.StandardPoint;
import org.lampyris.hal.air.AirChannel;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** The PM2.5 concentration, in ug/m3: the latest valid reading, observable. */
@Component(service = Point.class)
@PointPath(StandardPoint.Paths.AIR_PM25)
public class Pm25Point extends ChannelPoint {

    @Activate
    public Pm25Point(@Reference AirMonitor monitor) {
        super(StandardPoint.AIR_PM25, AirChannel.PM2_5);
        follow(monitor::state, monitor::onState);
    }

    @Deactivate
    void deactivate() {
        unfollow();
    }
}
