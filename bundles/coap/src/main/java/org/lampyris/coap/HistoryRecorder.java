package org.lampyris.coap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.lampyris.api.Subscription;
import org.lampyris.api.point.PointInfo;
import org.lampyris.api.point.Reading;
import org.lampyris.api.point.ValueKind;
import org.lampyris.coap.history.PointHistory;
import org.lampyris.hal.TimeSource;
import org.lampyris.internal.durable.DurableFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@link PointHistory} of the post's points: it follows every observable numeric point of the
 * {@link PointTree} through the same subscription its CoAP observers share (so the plugin is asked nothing more), and
 * saves the history to the data directory every few minutes of real time and when the endpoint stops.
 * <p>
 * It runs on the endpoint's notifier thread, which tells it of points published and withdrawn and of their values,
 * and which it saves on: it has no thread of its own. A save rewrites one file through {@link DurableFile}, so a power
 * cut leaves the previous save or this one; what the post saw since the last save is lost. A point newly published is
 * read once, within its plugin's time budget, so that a quiet point has a value from the start; that read, like a
 * save (a few hundred KB and two fsyncs), holds up the notifications of other points for as long as it takes.
 */
final class HistoryRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryRecorder.class);
    /** The file in the data directory. */
    static final String FILE = "history/points.bin";

    /** A point followed: the published point (a new one at the same path is followed anew), and its subscription. */
    private record Followed(PublishedPoint point, Subscription subscription, PointHistory.Series series) {
    }

    private final PointTree tree;
    private final PointHistory history;
    private final Supplier<TimeSource> clock;
    /** The newest time of a value recorded: post time when there is no clock (as while the post stops). */
    private final AtomicLong newestMillis = new AtomicLong(Long.MIN_VALUE);
    private final Path file;
    /** Only the notifier thread touches it, and {@link #close()} once the notifier has stopped. */
    private final Map<String, Followed> followed = new HashMap<>();
    private boolean fullLogged;
    /** Whether the history read back was checked against the post's clock, which may come after the endpoint. */
    private boolean clockChecked;
    private Subscription treeChanges;
    private ScheduledFuture<?> saving;

    /**
     * @param tree the points to follow
     * @param history where their values go
     * @param clock the post's clock, null while there is none
     * @param file where the history is saved; null to keep it in memory only
     */
    HistoryRecorder(PointTree tree, PointHistory history, Supplier<TimeSource> clock, Path file) {
        this.tree = tree;
        this.history = history;
        this.clock = clock;
        this.file = file;
    }

    /** @return the history it keeps */
    PointHistory history() {
        return history;
    }

    /**
     * @return post time now; without a clock (none on this post, or its bundle stopped before this one) the time of
     *         the newest value recorded, so that a point's last value is never carried past what was seen
     */
    long nowMillis() {
        TimeSource time = clock.get();
        return time != null ? time.now().toEpochMilli() : newestMillis.get();
    }

    /**
     * @return the history saved in the file, or an empty one where there is none or it cannot be read (said in the
     *         log: the post keeps its points' history from now on, and the next save replaces the file)
     */
    static PointHistory load(Path file, int minutes, int maxPoints, long nowMillis) {
        if (file != null) {
            try {
                byte[] bytes = Files.readAllBytes(file);
                List<String> dropped = new ArrayList<>();
                PointHistory loaded = PointHistory.decode(bytes, minutes, maxPoints, nowMillis, dropped);
                LOG.info("History of {} points read from {}", loaded.paths().size(), file);
                if (!dropped.isEmpty()) {
                    LOG.warn("History not taken over: {}", dropped);
                }
                return loaded;
            } catch (NoSuchFileException e) {
                // a first start
            } catch (IOException | RuntimeException e) {
                LOG.warn("The history in {} cannot be read ({}): the post starts a new one", file, e.toString());
            }
        }
        return new PointHistory(minutes, maxPoints);
    }

    /**
     * Starts following the tree's points, and saving every {@code saveMinutes} minutes of real time on the notifier.
     *
     * @param saveMinutes minutes between saves; 0 saves only when the endpoint stops
     */
    void start(ScheduledExecutorService notifier, int saveMinutes) {
        treeChanges = tree.onChange(this::follow);
        try {
            notifier.execute(this::follow); // the points published before it listened
            if (file != null && saveMinutes > 0) {
                saving = notifier.scheduleWithFixedDelay(this::save, saveMinutes, saveMinutes, TimeUnit.MINUTES);
            }
        } catch (RejectedExecutionException e) {
            // the endpoint is stopping
        }
    }

    /** On the notifier: follows the points published since, lets go of those withdrawn. */
    private void follow() {
        if (!clockChecked && clock.get() != null) {
            clockChecked = true;
            List<String> dropped = history.dropNewerThan(nowMillis());
            if (!dropped.isEmpty()) {
                LOG.warn("History dropped, its newest minute being after the post's time now (was the clock set "
                        + "back?): {}", dropped);
            }
        }
        Map<String, PointInfo> points = tree.points();
        followed.entrySet().removeIf(e -> {
            if (tree.point(e.getKey()) == e.getValue().point() && history.get(e.getKey()) == e.getValue().series()) {
                return false; // still published, and its history not dropped
            }
            e.getValue().subscription().close();
            e.getValue().series().ring().pause(nowMillis());
            return true;
        });
        points.forEach((path, info) -> {
            if (info.kind() != ValueKind.NUMBER || !info.observable() || followed.containsKey(path)) {
                return;
            }
            PublishedPoint point = tree.point(path);
            if (point == null) {
                return;
            }
            PointHistory.Series series = history.follow(path, info.unit());
            if (series == null) {
                if (!fullLogged) {
                    LOG.warn("{} gets no history: the history keeps {} points at most", path, history.maxPoints());
                    fullLogged = true;
                }
                return;
            }
            Subscription s = point.observe(reading -> record(series, reading));
            followed.put(path, new Followed(point, s, series));
            try {
                record(series, point.read()); // a quiet point would show nothing until its next change
            } catch (Exception e) {
                LOG.debug("{} has no value to start its history with: {}", path, e.toString());
            }
        });
    }

    private void record(PointHistory.Series series, Reading reading) {
        if (reading.value() instanceof Double d) {
            long at = reading.time().toEpochMilli();
            series.ring().record(at, d);
            newestMillis.accumulateAndGet(at, Math::max);
        }
    }

    /** Saves the history, if it has a file. On the notifier, or once it stopped. */
    void save() {
        if (file == null) {
            return;
        }
        try {
            DurableFile.createFolders(file.getParent());
            DurableFile.write(file, history.encode(nowMillis()));
            LOG.debug("History of {} points saved to {}", history.paths().size(), file);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot save the history to {}: {}", file, e.toString());
        }
    }

    /** Stops following and saving, and saves. Call once the notifier has stopped, so that this is its only writer. */
    void close() {
        if (treeChanges != null) {
            treeChanges.close();
        }
        if (saving != null) {
            saving.cancel(false);
        }
        long now = nowMillis();
        followed.values().forEach(f -> {
            f.subscription().close();
            f.series().ring().pause(now);
        });
        followed.clear();
        save();
    }
}
