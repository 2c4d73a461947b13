package org.lampyris.failsafe;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.lampyris.api.Subscription;
import org.lampyris.api.point.Point;
import org.lampyris.api.point.PointInfo;
import org.lampyris.api.point.Reading;
import org.lampyris.api.point.StandardPoint;

/**
 * {@code /light/level} while the fail-safe holds the lamp: the level it holds, read-only, so that an integrator and
 * the city's LwM2M server ({@code /3416/0/3}) never lose sight of the lamp while no lighting plugin is in control.
 * {@link FailSafeLighting} registers it only then; the platform publishes a lighting plugin's own level point in its
 * place the moment one arrives (a point waiting for a taken path takes it over when the holder goes).
 * <p>
 * A write is refused with 4.05 and the reason in the point's title: only a lighting plugin sets the level.
 */
final class HeldLevel implements Point {
    /** Told to a client whose write is refused, after "/light/level is read-only: ". */
    static final String WHY_READ_ONLY = "no lighting plugin holds the luminaire, the fail-safe holds it at this level";

    private static final PointInfo INFO = new PointInfo(StandardPoint.LIGHT_LEVEL.info().unit(),
            StandardPoint.LIGHT_LEVEL.info().resourceTypes(), PointInfo.Interface.ACTUATOR,
            StandardPoint.LIGHT_LEVEL.info().kind(), false, true, WHY_READ_ONLY);

    private final Supplier<Reading> level;
    private final Set<Consumer<Reading>> listeners = new CopyOnWriteArraySet<>();

    /** @param level the level the fail-safe holds, read when asked */
    HeldLevel(Supplier<Reading> level) {
        this.level = level;
    }

    @Override
    public PointInfo info() {
        return INFO;
    }

    @Override
    public Reading read() {
        return level.get();
    }

    @Override
    public Subscription observe(Consumer<Reading> listener) {
        Consumer<Reading> registered = listener::accept; // an identity of its own per subscription
        listeners.add(registered);
        return () -> listeners.remove(registered);
    }

    /** Tells the observers the level now held (the fail-safe level changed). */
    void changed() {
        Reading now = level.get();
        for (Consumer<Reading> listener : List.copyOf(listeners)) {
            listener.accept(now);
        }
    }
}
