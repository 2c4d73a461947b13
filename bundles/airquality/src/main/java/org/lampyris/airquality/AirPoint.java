package org.lampyris.airquality;

import java.time.Instant;
import java.util.function.Consumer;

import org.lampyris.api.Subscription;
import org.lampyris.api.point.LiveValue;
import org.lampyris.api.point.Point;
import org.lampyris.api.point.PointInfo;
import org.lampyris.api.point.Reading;
import org.lampyris.api.point.StandardPoint;

/**
 * An air point that shows one aspect of the {@link AirMonitor}'s state. It follows the monitor's samples and tells
 * observers only when its own value changes. While it has no valid value, reading it fails with the reason, and
 * observers hear nothing until a valid value comes back ({@code /air/status} tells them why).
 */
abstract class AirPoint implements Point {
    /** A placeholder no reading equals, so that the first valid value is always told to observers. */
    private static final Reading NOTHING_YET = Reading.of("no valid value yet", Instant.EPOCH);

    private final StandardPoint standard;
    private AirMonitor monitor;
    private LiveValue value;
    private Subscription subscription;

    AirPoint(StandardPoint standard) {
        this.standard = standard;
    }

    /**
     * @return this point's value in a state
     * @throws ReadingUnavailableException if the state holds no valid value for it
     */
    abstract Reading extract(AirState state) throws ReadingUnavailableException;

    void start(AirMonitor boundMonitor) {
        this.monitor = boundMonitor;
        this.value = new LiveValue(NOTHING_YET);
        this.subscription = boundMonitor.onState(this::follow);
        follow(boundMonitor.state());
    }

    void stop() {
        subscription.close();
    }

    private void follow(AirState state) {
        try {
            value.set(extract(state));
        } catch (ReadingUnavailableException e) {
            // Observers keep the last valid value; a notification cannot carry an error.
        }
    }

    @Override
    public PointInfo info() {
        return standard.info();
    }

    @Override
    public Reading read() throws ReadingUnavailableException {
        return extract(monitor.state());
    }

    @Override
    public Subscription observe(Consumer<Reading> listener) {
        return value.subscribe(listener);
    }
}
