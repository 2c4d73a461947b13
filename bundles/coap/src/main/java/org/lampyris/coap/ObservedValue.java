package org.lampyris.coap;

import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.lampyris.api.Subscription;
import org.lampyris.api.point.Reading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's own subscription to an observable point, open for as long as the point is published, and what it
 * learns from it: the value to answer GETs with, and when to notify the point's observers.
 * <p>
 * <b>Answering GETs without calling the plugin.</b> The {@code Point} contract says that the plugin calls its
 * listener whenever the value changes, so the last value it reported is the current value. A GET is answered from it
 * on Californium's thread, sparing it the hop to a plugin-call thread (a thread wake-up and most of the platform's
 * CPU cost per GET). A value is read through the plugin, within its time budget, and kept when no report arrived
 * meanwhile, in these cases only:
 * <ul>
 * <li>before the first report;</li>
 * <li>after a write or an action on the point ({@link #invalidate()}), so that a client reads back its own write even
 * when the plugin reports the change later, from a thread of its own;</li>
 * <li>when the value is older than the configured maximum age: a plugin that misses a change, or whose reports from
 * two threads arrive out of order, is wrong for that long at most, and a sensor that became unreadable shows its
 * error within that time rather than its last good value for ever.</li>
 * </ul>
 * Until the subscription is open nothing read through the plugin is kept, since a change before it would go unseen;
 * a point whose plugin refuses an observer is therefore read through the plugin on every GET, like a point that is
 * not observable. When the point is withdrawn the value is dropped and later reports are ignored.
 * <p>
 * <b>Notifications.</b> A report only records the value and queues at most one notification per point on the
 * endpoint's notifier thread, so the plugin's thread never waits for Californium (nor Californium, handling the
 * notification, for the plugin: it carries the reported value). A burst of reports is one notification with the
 * latest value, and notifications of one point are at least the configured minimum interval apart, so that a plugin
 * that reports without pause cannot queue work in the CoAP stack faster than it is sent.
 */
final class ObservedValue {
    private static final Logger LOG = LoggerFactory.getLogger(ObservedValue.class);

    /** A value and when it was taken; compared by identity, so that each invalidation is a state of its own. */
    private static final class Entry {
        final Reading reading;
        final long takenAt;

        Entry(Reading reading, long takenAt) {
            this.reading = reading;
            this.takenAt = takenAt;
        }
    }

    /** Before the subscription is open: nothing read through the plugin is kept. */
    private static final Entry UNSUBSCRIBED = new Entry(null, 0);
    /** After the point is withdrawn: nothing is kept, nothing is answered. */
    private static final Entry WITHDRAWN = new Entry(null, 0);

    private final String path;
    private final ScheduledExecutorService notifier;
    private final long minIntervalNanos;
    private final long maxAgeNanos;
    private final Consumer<Reading> notify;
    private final AtomicReference<Entry> cache = new AtomicReference<>(UNSUBSCRIBED);
    /** The latest report, which the next notification carries. */
    private volatile Reading reported;
    /** Whether a notification is queued; the first report after it went out queues the next. */
    private final AtomicBoolean queued = new AtomicBoolean();
    /** When the next notification may go out at the earliest (System.nanoTime); only the notifier writes it. */
    private volatile long nextNotification = System.nanoTime();
    private final Object lifecycle = new Object();
    private Subscription subscription; // guarded by lifecycle

    /**
     * @param path the point's path, for the log
     * @param notifier the endpoint's notifier thread
     * @param minIntervalMillis the minimum time between two notifications of this point
     * @param maxAgeMillis how long a value is answered before the plugin is read again; 0 to read it every time
     * @param notify notifies the point's observers of a value; called on the notifier thread
     */
    ObservedValue(String path, ScheduledExecutorService notifier, long minIntervalMillis, long maxAgeMillis,
            Consumer<Reading> notify) {
        this.path = path;
        this.notifier = notifier;
        this.minIntervalNanos = TimeUnit.MILLISECONDS.toNanos(minIntervalMillis);
        this.maxAgeNanos = TimeUnit.MILLISECONDS.toNanos(maxAgeMillis);
        this.notify = notify;
    }

    /**
     * The platform's subscription is open.
     *
     * @param opened what the plugin returned from {@code observe}; may be null
     * @return false if the point was withdrawn meanwhile: the caller then closes the subscription
     */
    boolean attach(Subscription opened) {
        synchronized (lifecycle) {
            if (cache.get() == WITHDRAWN) {
                return false;
            }
            subscription = opened;
        }
        cache.compareAndSet(UNSUBSCRIBED, new Entry(null, 0));
        return true;
    }

    /** The point is withdrawn: drop the value, answer nothing more, ignore later reports. Calls no plugin code. */
    void withdraw() {
        cache.set(WITHDRAWN);
    }

    /**
     * Withdraws the point, if not yet done, and hands over the subscription for the caller to close.
     *
     * @return the subscription, or null if there is none (or it was handed over already)
     */
    Subscription release() {
        withdraw();
        synchronized (lifecycle) {
            Subscription s = subscription;
            subscription = null;
            return s;
        }
    }

    /** The plugin's listener, on the plugin's thread: record the value and return at once. */
    void report(Reading value) {
        if (value == null) {
            return;
        }
        Entry entry = new Entry(value, System.nanoTime());
        if (cache.getAndUpdate(e -> e == WITHDRAWN ? e : entry) == WITHDRAWN) {
            return;
        }
        reported = value;
        if (queued.compareAndSet(false, true)) {
            try {
                long wait = nextNotification - System.nanoTime();
                notifier.schedule(this::deliver, Math.max(0, wait), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                queued.set(false); // the endpoint is stopping
            }
        }
    }

    /** On the notifier thread: notify the observers of the latest report. */
    private void deliver() {
        queued.set(false); // before reading the value: a report after this queues a notification of its own
        Reading value = reported;
        if (cache.get() == WITHDRAWN || value == null) {
            return;
        }
        nextNotification = System.nanoTime() + minIntervalNanos;
        try {
            notify.accept(value);
        } catch (RuntimeException e) {
            LOG.warn("Notifying the observers of {} failed: {}", path, e.toString());
        }
    }

    /** A write or an action went to the plugin: the next GET reads its outcome through the plugin. */
    void invalidate() {
        cache.updateAndGet(e -> e == WITHDRAWN || e == UNSUBSCRIBED ? e : new Entry(null, 0));
    }

    /**
     * @param read reads the value through the plugin, within its time budget; returns a value or throws
     * @return the last value the plugin reported, if it may still be answered; otherwise the value read
     * @throws PointWithdrawnException if the point is withdrawn
     * @throws Exception what {@code read} threw
     */
    Reading current(Callable<Reading> read) throws Exception {
        Entry seen = cache.get();
        if (seen == WITHDRAWN) {
            throw new PointWithdrawnException(path);
        }
        if (seen.reading != null && System.nanoTime() - seen.takenAt < maxAgeNanos) {
            return seen.reading;
        }
        Reading value = read.call();
        if (seen != UNSUBSCRIBED) {
            // Kept only if nothing happened meanwhile: a report is at least as recent, an invalidation means a write.
            cache.compareAndSet(seen, new Entry(value, System.nanoTime()));
        }
        return value;
    }
}
