package org.lampyris.airquality;

import org.lampyris.api.point.Point;
import org.lampyris.api.point.PointPath;
import org.lampyris.api.point.StandardPoint;
import org.lampyris.hal.air.AirChannel;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** The ozone concentration, in ug/m3: the latest valid reading, observable. */
@Component(service = Point.class)
@PointPath(StandardPoint.Paths.AIR_O3)
public class O3Point extends ChannelPoint {

    @Activate
    public O3Point(@Reference AirMonitor monitor) {
        super(StandardPoint.AIR_O3, AirChannel.O3);
        follow(monitor::state, monitor::onState);
    }

    @Deactivate
    void deactivate() {
        unfollow();
    }
}
