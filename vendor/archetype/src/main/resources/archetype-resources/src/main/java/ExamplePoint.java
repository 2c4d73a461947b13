package ${package};

import java.time.Duration;
import java.time.Instant;

import org.lampyris.api.point.Point;
import org.lampyris.api.point.PointInfo;
import org.lampyris.api.point.PointPath;
import org.lampyris.api.point.Reading;
import org.lampyris.api.point.ValueKind;
import org.lampyris.hal.TimeSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * An example point: how long this plugin has been running, in seconds of the post's clock. Replace it with your own;
 * keep the shape: a {@link Point} service with a {@link PointPath} under /vendor/${vendor}/, a SenML unit, and
 * hardware reached only through org.lampyris.hal.
 */
@Component(service = Point.class)
@PointPath("/vendor/${vendor}/running")
public class ExamplePoint implements Point {
    static final PointInfo INFO = new PointInfo("s", java.util.List.of("${vendor}.running"),
            PointInfo.Interface.SENSOR, ValueKind.NUMBER, false, false, "Seconds this plugin has been running");

    private final TimeSource time;
    private final Instant started;

    @Activate
    public ExamplePoint(@Reference TimeSource time) {
        this.time = time;
        this.started = time.now();
    }

    @Override
    public PointInfo info() {
        return INFO;
    }

    @Override
    public Reading read() {
        Instant now = time.now();
        return Reading.of(Duration.between(started, now).toMillis() / 1000.0, now);
    }
}
