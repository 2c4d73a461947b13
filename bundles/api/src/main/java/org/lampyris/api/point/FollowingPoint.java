package org.lampyris.api.point;

import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.lampyris.api.Subscription;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A point whose value follows a stream of states that the plugin already has: the status of its dimmer, the
 * snapshots of its counter, the samples of its sensor. Most points are one aspect of such a state, and this is the
 * one way to write them:
 *
 * <pre>
 * &#64;Component(service = Point.class)
 * &#64;PointPath(StandardPoint.Paths.LIGHT_POWER)
 * public class PowerPoint extends FollowingPoint&lt;LightingStatus&gt; {
 *     &#64;Activate
 *     public PowerPoint(&#64;Reference Dimmer dimmer) {
 *         super(StandardPoint.LIGHT_POWER);
 *         follow(dimmer::status, dimmer::onChange);
 *     }
 *
 *     &#64;Deactivate
 *     void deactivate() {
 *         unfollow();
 *     }
 *
 *     &#64;Override
 *     protected Reading extract(LightingStatus status) {
 *         return Reading.of(status.powerWatts(), status.time());
 *     }
 * }
 * </pre>
 *
 * {@link #follow} subscribes to the states first and reads the current state once after, so that a change that comes
 * in between is not lost. Observers are told only when the point's own value changes, not on every state. A state
 * that holds no valid value for the point ({@link #extract} throws) is skipped: observers keep the last valid value,
 * and a read fails with the reason, which the client receives.
 *
 * @param <S> the type of the plugin's states
 */
@ConsumerType
public abstract class FollowingPoint<S> implements Point {
    /** Before the first valid value: a reading no value equals, so that the first valid one is always told. */
    private static final Reading NOTHING_YET = Reading.of("no valid value yet", Instant.EPOCH);

    private final PointInfo info;
    private final LiveValue value = new LiveValue(NOTHING_YET);
    private volatile Supplier<? extends S> current;
    private volatile AutoCloseable subscription;

    /** @param info what this point is */
    protected FollowingPoint(PointInfo info) {
        this.info = Objects.requireNonNull(info, "info");
    }

    /** @param standard the point of the standard vocabulary this is */
    protected FollowingPoint(StandardPoint standard) {
        this(standard.info());
    }

    /**
     * @param state a state of the plugin
     * @return this point's value in it
     * @throws Exception if the state holds no valid value for this point; the message tells a client why
     */
    protected abstract Reading extract(S state) throws Exception;

    /**
     * Starts following the plugin's states; call it once, from the constructor or the activation.
     *
     * @param currentState gives the current state
     * @param subscribe registers a listener for each new state and returns the subscription that removes it: a
     *            plugin's own, or a HAL device's ({@code luminaire::onChange}), whose subscriptions are closeable too
     */
    protected final void follow(Supplier<? extends S> currentState,
            Function<Consumer<S>, ? extends AutoCloseable> subscribe) {
        this.current = Objects.requireNonNull(currentState, "currentState");
        this.subscription = subscribe.apply(this::accept);
        S first;
        try {
            first = currentState.get();
        } catch (RuntimeException e) {
            // A device that does not answer now (a HAL DeviceUnavailableException) must not fail the point's
            // activation: its reads fail with the reason until a state comes.
            return;
        }
        accept(first);
    }

    /** Stops following; call it on deactivation. */
    protected final void unfollow() {
        AutoCloseable s = subscription;
        subscription = null;
        if (s != null) {
            try {
                s.close();
            } catch (Exception e) {
                // The source is going away with the point; nothing is left to tell.
            }
        }
    }

    private void accept(S state) {
        try {
            Reading next = extract(state);
            if (next != null) {
                value.set(next);
            }
        } catch (Exception e) {
            // Observers keep the last valid value: a notification cannot carry an error, a read can.
        }
    }

    @Override
    public PointInfo info() {
        return info;
    }

    /** Reads the current state; a value that changed since the last state was followed is told to observers too. */
    @Override
    public Reading read() throws Exception {
        Supplier<? extends S> state = current;
        if (state == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " does not follow any state yet");
        }
        Reading reading = extract(state.get());
        value.set(reading);
        return reading;
    }

    @Override
    public Subscription observe(Consumer<Reading> listener) {
        return value.subscribe(listener);
    }

    /** @return a number rounded to a number of decimals, the shortest decimal that reads back as it */
    protected static double round(double number, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(number * scale) / scale;
    }
}
