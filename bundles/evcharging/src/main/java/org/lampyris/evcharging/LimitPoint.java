package org.lampyris.evcharging;

import java.io.IOException;
import java.util.function.Consumer;

import org.lampyris.api.Subscription;
import org.lampyris.api.point.InvalidValueException;
import org.lampyris.api.point.Point;
import org.lampyris.api.point.PointInfo;
import org.lampyris.api.point.PointPath;
import org.lampyris.api.point.Reading;
import org.lampyris.api.point.StandardPoint;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The operator's current limit, 6-32 A: readable, writable, observable. The current offered to the vehicle is at
 * most this, and less when the supply limit requires it; it survives a restart.
 */
@Component(service = Point.class)
@PointPath(StandardPoint.Paths.EV_LIMIT)
public class LimitPoint implements Point {
    private final Charger charger;

    @Activate
    public LimitPoint(@Reference Charger charger) {
        this.charger = charger;
    }

    @Override
    public PointInfo info() {
        return StandardPoint.EV_LIMIT.info();
    }

    @Override
    public Reading read() {
        return charger.limit().get();
    }

    @Override
    public void write(Reading value) throws InvalidValueException, IOException {
        charger.setLimit(value.number());
    }

    @Override
    public Subscription observe(Consumer<Reading> listener) {
        return charger.limit().subscribe(listener);
    }
}
