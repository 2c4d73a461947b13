package org.lampyris.counting;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.lampyris.api.Scheduling;
import org.lampyris.api.Subscription;
import org.lampyris.api.counting.TrafficCounting;
import org.lampyris.api.counting.TrafficStatus;
import org.lampyris.hal.TimeSource;
import org.lampyris.hal.counting.CountingSensor;
import org.lampyris.hal.counting.Detection;
import org.lampyris.hal.counting.Direction;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the road users the counting sensor detects and provides the counting capability: pedestrians, cyclists and
 * vehicles per interval of the local clock (a quarter hour by default) and direction, per day from local midnight,
 * and how many are present now, which is what a dimming plugin boosts the light on.
 * <p>
 * <b>Privacy by design.</b> Only aggregates leave this plugin: counts per interval, per day and present now. A
 * detection is added to counts and forgotten; no point, service or log line exposes an individual detection, and no
 * time of one: readings of counts carry the start of their interval or day, and the intervals document carries only
 * interval boundaries. Intervals last at least five minutes so that a count cannot time a single passer-by. The
 * sensor itself reports no images, only a class, a direction and a time.
 * <p>
 * Presence follows the sensor: it is read when a detection arrives and polled on a period of post time, which also
 * closes intervals that end while nobody passes.
 */
@Component(service = { TrafficCounting.class, TrafficCounter.class }, configurationPid = CountingConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = CountingConfig.class)
public class TrafficCounter implements TrafficCounting {
    private static final Logger LOG = LoggerFactory.getLogger(TrafficCounter.class);

    // The metatype's bounds, enforced here too since a configuration may come from a file that skipped validation.
    private static final int MIN_INTERVAL_MINUTES = 5;
    private static final int MAX_INTERVAL_MINUTES = 24 * 60;
    private static final int MAX_HISTORY = 96;

    private final CountingSensor sensor;
    private final TimeSource time;
    private final ZoneId zone;
    private final TrafficTally tally; // guarded by this
    private final CopyOnWriteArrayList<Consumer<TrafficStatus>> statusListeners = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<Consumer<CountSnapshot>> snapshotListeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService poller;
    private final org.lampyris.hal.Subscription detections;
    private volatile CountSnapshot snapshot;
    private List<Interval> renderedHistory; // guarded by this, with renderedIntervals
    private List<Map<String, Object>> renderedIntervals;

    @Activate
    public TrafficCounter(@Reference CountingSensor sensor, @Reference TimeSource time, CountingConfig config,
            @Reference(target = Scheduling.SERIAL)
            ScheduledExecutorService poller) {
        this.sensor = sensor;
        this.time = time;
        this.zone = time.zone();
        int minutes = within(config.interval_minutes(), MIN_INTERVAL_MINUTES, MAX_INTERVAL_MINUTES,
                "interval_minutes");
        int history = within(config.history_intervals(), 1, MAX_HISTORY, "history_intervals");
        Instant now = time.now();
        this.tally = new TrafficTally(new IntervalGrid(zone, minutes), history, now);
        synchronized (this) {
            tally.setPresent(sensor.present());
            publish(now);
        }
        this.detections = sensor.onDetection(this::onDetection);
        Duration postPeriod = Duration.ofMillis(Math.max(1, config.poll_ms()));
        long period = Math.max(Math.max(1, config.min_real_poll_ms()), time.toRealTime(postPeriod).toMillis());
        this.poller = poller;
        poller.scheduleWithFixedDelay(this::pollSafely, period, period, TimeUnit.MILLISECONDS);
        LOG.info("Counting road users in {}-minute intervals of {} local time, showing the last {}; presence polled "
                + "every {} ms of post time ({} ms real)", minutes, zone, history, postPeriod.toMillis(), period);
    }

    @Deactivate
    void deactivate() {
        poller.shutdownNow();
        detections.close();
        statusListeners.clear();
        snapshotListeners.clear();
    }

    /** Counts one detection; called on the sensor's thread. */
    void onDetection(Detection detection) {
        if (detection == null || detection.time() == null || detection.kind() == null) {
            return; // a malformed report from a driver counts nothing
        }
        Direction direction = detection.direction() != null ? detection.direction() : Direction.UNKNOWN;
        int present = sensor.present();
        synchronized (this) {
            Instant now = time.now();
            // A detection stamped ahead of the post's clock is counted now rather than in an interval to come.
            Instant passed = detection.time().isAfter(now) ? now : detection.time();
            boolean changed = tally.advanceTo(now);
            changed |= tally.record(passed, detection.kind(), direction);
            changed |= tally.setPresent(present);
            if (changed) {
                publish(now);
            }
        }
    }

    /** Reads the presence and closes the intervals that have ended. */
    void poll() {
        int present = sensor.present();
        synchronized (this) {
            Instant now = time.now();
            boolean changed = tally.advanceTo(now);
            changed |= tally.setPresent(present);
            if (changed) {
                publish(now);
            }
        }
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            LOG.error("Counting poll failed: {}", e.toString());
        }
    }

    /**
     * Takes a snapshot and tells the listeners. They are called with the lock held so that they receive the
     * snapshots in the order they were taken, whichever thread took them; they return quickly by contract.
     */
    private void publish(Instant now) {
        if (tally.completed() != renderedHistory) {
            renderedHistory = tally.completed();
            renderedIntervals = IntervalsShown.of(renderedHistory, zone);
        }
        CountSnapshot previous = snapshot;
        CountSnapshot next = new CountSnapshot(now, tally.present(), tally.current(), tally.completed(),
                tally.today(), tally.dayStart(), renderedIntervals);
        snapshot = next;
        for (Consumer<CountSnapshot> listener : snapshotListeners) {
            listener.accept(next);
        }
        if (!next.sameStatus(previous)) {
            TrafficStatus status = next.status();
            for (Consumer<TrafficStatus> listener : statusListeners) {
                try {
                    listener.accept(status);
                } catch (RuntimeException e) {
                    statusListeners.remove(listener);
                    LOG.warn("A counting listener failed and no longer receives changes: {}", e.toString());
                }
            }
        }
    }

    @Override
    public TrafficStatus status() {
        return snapshot.status();
    }

    @Override
    public Subscription onChange(Consumer<TrafficStatus> listener) {
        statusListeners.add(listener);
        return () -> statusListeners.remove(listener);
    }

    /** @return the latest counts, for this bundle's points */
    CountSnapshot snapshot() {
        return snapshot;
    }

    /**
     * @param listener called with each new snapshot, for this bundle's points
     * @return the subscription that removes it
     */
    Subscription onSnapshot(Consumer<CountSnapshot> listener) {
        snapshotListeners.add(listener);
        return () -> snapshotListeners.remove(listener);
    }

    private static int within(int value, int min, int max, String name) {
        int bounded = Math.max(min, Math.min(max, value));
        if (bounded != value) {
            LOG.warn("Counting setting {} must be between {} and {}; using {} instead of {}", name, min, max, bounded,
                    value);
        }
        return bounded;
    }
}
