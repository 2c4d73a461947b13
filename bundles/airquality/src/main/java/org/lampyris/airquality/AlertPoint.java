package org.lampyris.airquality;

import org.lampyris.api.point.Point;
import org.lampyris.api.point.PointPath;
import org.lampyris.api.point.Reading;
import org.lampyris.api.point.StandardPoint;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The threshold alerts in force (JSON, see {@link AirJson}); observers are told each time an alert starts or ends.
 */
@Component(service = Point.class)
@PointPath("/air/alert")
public class AlertPoint extends AirPoint {

    @Activate
    public AlertPoint(@Reference AirMonitor monitor) {
        super(StandardPoint.AIR_ALERT);
        start(monitor);
    }

    @Deactivate
    void deactivate() {
        stop();
    }

    @Override
    Reading extract(AirState state) {
        return Reading.of(AirJson.alerts(state.alerts()), state.time());
    }
}
