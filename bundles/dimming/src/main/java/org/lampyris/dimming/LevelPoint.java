package org.lampyris.dimming;

import org.lampyris.api.lighting.LightingStatus;
import org.lampyris.api.point.FollowingPoint;
import org.lampyris.api.point.Point;
import org.lampyris.api.point.PointPath;
import org.lampyris.api.point.Reading;
import org.lampyris.api.point.StandardPoint;
import org.lampyris.api.point.InvalidValueException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** The light level, 0-100 %: readable, writable by operators, observable. */
@Component(service = Point.class)
@PointPath(StandardPoint.Paths.LIGHT_LEVEL)
public class LevelPoint extends FollowingPoint<LightingStatus> {
    private final Dimmer dimmer;

    @Activate
    public LevelPoint(@Reference Dimmer dimmer) {
        super(StandardPoint.LIGHT_LEVEL);
        this.dimmer = dimmer;
        follow(dimmer::status, dimmer::onChange);
    }

    @Deactivate
    void deactivate() {
        unfollow();
    }

    @Override
    protected Reading extract(LightingStatus status) {
        return Reading.of(round(status.level(), 1), status.time());
    }

    @Override
    public void write(Reading value) throws InvalidValueException {
        dimmer.setLevel(value.number());
    }
}
