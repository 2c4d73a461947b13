package ${package};

import org.lampyris.api.point.FollowingPoint;
import org.lampyris.api.point.Point;
import org.lampyris.api.point.PointInfo;
import org.lampyris.api.point.PointPath;
import org.lampyris.api.point.Reading;
import org.lampyris.api.point.ValueKind;
import org.lampyris.hal.luminaire.Luminaire;
import org.lampyris.hal.luminaire.LuminaireState;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * A point that follows the hardware: the hours the lamp has burnt, from the luminaire's own state. This is the shape
 * of most points: {@link FollowingPoint} subscribes to the states, reads the current one, and tells observers when the
 * value changes; you only say which part of the state the point shows.
 */
@Component(service = Point.class)
@PointPath("/vendor/${vendor}/lamp-hours")
public class LampHoursPoint extends FollowingPoint<LuminaireState> {
    static final PointInfo INFO = new PointInfo("h", java.util.List.of("${vendor}.lamp-hours"),
            PointInfo.Interface.SENSOR, ValueKind.NUMBER, false, true, "Hours the lamp has burnt");

    @Activate
    public LampHoursPoint(@Reference Luminaire luminaire) {
        super(INFO);
        follow(luminaire::state, luminaire::onChange);
    }

    @Deactivate
    void deactivate() {
        unfollow();
    }

    @Override
    protected Reading extract(LuminaireState state) {
        return Reading.of(round(state.burningHours(), 2), state.time());
    }
}
