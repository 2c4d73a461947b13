package org.lampyris.dimming;

import java.util.function.Consumer;

import org.lampyris.api.Subscription;
import org.lampyris.api.lighting.LightingStatus;
import org.lampyris.api.point.LiveValue;
import org.lampyris.api.point.Point;
import org.lampyris.api.point.PointInfo;
import org.lampyris.api.point.Reading;
import org.lampyris.api.point.StandardPoint;

/**
 * A light point that shows one aspect of the lighting status. It follows the {@link Dimmer}'s change events and
 * tells observers only when its own value changes.
 */
abstract class LightPoint implements Point {
    private final StandardPoint standard;
    private Dimmer dimmer;
    private LiveValue value;
    private Subscription subscription;

    LightPoint(StandardPoint standard) {
        this.standard = standard;
    }

    /** @return this point's value in a lighting status */
    abstract Reading extract(LightingStatus status);

    void start(Dimmer boundDimmer) {
        this.dimmer = boundDimmer;
        this.value = new LiveValue(extract(boundDimmer.status()));
        this.subscription = boundDimmer.onChange(status -> value.set(extract(status)));
    }

    void stop() {
        subscription.close();
    }

    Dimmer dimmer() {
        return dimmer;
    }

    @Override
    public PointInfo info() {
        return standard.info();
    }

    @Override
    public Reading read() {
        Reading current = extract(dimmer.status());
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
