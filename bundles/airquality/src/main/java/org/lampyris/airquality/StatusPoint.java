package org.lampyris.airquality;

import org.lampyris.api.point.Point;
import org.lampyris.api.point.PointPath;
import org.lampyris.api.point.Reading;
import org.lampyris.api.point.StandardPoint;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** The health of each sensor channel with a reason (JSON, see {@link AirJson}); observers hear of each change. */
@Component(service = Point.class)
@PointPath("/air/status")
public class StatusPoint extends AirPoint {

    @Activate
    public StatusPoint(@Reference AirMonitor monitor) {
        super(StandardPoint.AIR_STATUS);
        start(monitor);
    }

    @Deactivate
    void deactivate() {
        stop();
    }

    @Override
    Reading extract(AirState state) {
        return Reading.of(AirJson.status(state.channels().values()), state.time());
    }
}
