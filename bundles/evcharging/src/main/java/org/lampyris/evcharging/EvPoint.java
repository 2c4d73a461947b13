package org.lampyris.evcharging;

import java.util.function.Consumer;

import org.lampyris.api.Subscription;
import org.lampyris.api.charging.ChargePointStatus;
import org.lampyris.api.point.LiveValue;
import org.lampyris.api.point.Point;
import org.lampyris.api.point.PointInfo;
import org.lampyris.api.point.Reading;
import org.lampyris.api.point.StandardPoint;

/**
 * A charge-point point that shows one aspect of the charge point's status. It follows the {@link Charger}'s change
 * events and tells observers only when its own value changes.
 */
abstract class EvPoint implements Point {
    private final StandardPoint standard;
    private Charger charger;
    private LiveValue value;
    private Subscription subscription;

    EvPoint(StandardPoint standard) {
        this.standard = standard;
    }

    /** @return this point's value in a charge-point status */
    abstract Reading extract(ChargePointStatus status);

    void start(Charger boundCharger) {
        this.charger = boundCharger;
        this.value = new LiveValue(extract(boundCharger.status()));
        this.subscription = boundCharger.onChange(status -> value.set(extract(status)));
    }

    void stop() {
        subscription.close();
    }

    @Override
    public PointInfo info() {
        return standard.info();
    }

    @Override
    public Reading read() {
        Reading current = extract(charger.status());
        value.set(current);
        return current;
    }

    @Override
    public Subscription observe(Consumer<Reading> listener) {
        return value.subscribe(listener);
    }

    /** Rounds to a number of decimals; dividing by a power of ten keeps the result the shortest decimal. */
    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
