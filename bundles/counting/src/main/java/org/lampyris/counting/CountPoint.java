package org.lampyris.counting;

import java.util.function.Consumer;
import java.util.function.Function;

import org.lampyris.api.Subscription;
import org.lampyris.api.point.LiveValue;
import org.lampyris.api.point.Point;
import org.lampyris.api.point.PointInfo;
import org.lampyris.api.point.Reading;
import org.lampyris.api.point.StandardPoint;

/**
 * A counting point that shows one aspect of the {@link TrafficCounter}'s counts. It follows the counter's snapshots
 * and tells observers only when its own value changes.
 */
abstract class CountPoint implements Point {
    private final StandardPoint standard;
    private final Function<CountSnapshot, Reading> extract;
    private TrafficCounter counter;
    private LiveValue value;
    private Subscription subscription;

    /**
     * @param standard the point of the standard vocabulary this is
     * @param extract its value in a snapshot
     */
    CountPoint(StandardPoint standard, Function<CountSnapshot, Reading> extract) {
        this.standard = standard;
        this.extract = extract;
    }

    void start(TrafficCounter boundCounter) {
        this.counter = boundCounter;
        this.value = new LiveValue(extract.apply(boundCounter.snapshot()));
        this.subscription = boundCounter.onSnapshot(snapshot -> value.set(extract.apply(snapshot)));
        // A snapshot taken between the first read and the subscription is not lost.
        value.set(extract.apply(boundCounter.snapshot()));
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
        return extract.apply(counter.snapshot());
    }

    @Override
    public Subscription observe(Consumer<Reading> listener) {
        return value.subscribe(listener);
    }
}
