package org.lampyris.coap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.eclipse.californium.core.CoapResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lampyris.api.Subscription;
import org.lampyris.api.point.LiveValue;
import org.lampyris.api.point.Point;
import org.lampyris.api.point.PointInfo;
import org.lampyris.api.point.Reading;
import org.lampyris.api.point.StandardPoint;
import org.lampyris.coap.history.MinuteRing;
import org.lampyris.coap.history.PointHistory;
import org.lampyris.hal.TimeSource;

/** The recorder follows the published points through their shared subscription, and keeps their history on disk. */
class HistoryRecorderTest {
    private static final Instant TEN_PM = Instant.parse("2026-12-21T21:00:00Z");

    @TempDir
    Path data;

    private final PluginCalls calls = new PluginCalls(200, 4, 16, 30);
    private final ScheduledExecutorService notifier = Executors.newSingleThreadScheduledExecutor();
    private final PointTree tree = new PointTree(new CoapResource(""), new PointContext(new PostIdentity("t"), calls,
            notifier, 0, 60_000, bundle -> Quarantine.NONE));
    /** The post's clock, set by the test. */
    private final AtomicReference<Instant> now = new AtomicReference<>(TEN_PM);
    private final TimeSource clock = new TimeSource() {
        @Override
        public Instant now() {
            return now.get();
        }

        @Override
        public ZoneId zone() {
            return ZoneId.of("UTC");
        }

        @Override
        public double speed() {
            return 1;
        }
    };

    @AfterEach
    void tearDown() {
        tree.clear();
        calls.close();
        notifier.shutdownNow();
    }

    /** The light level as the dimming plugin publishes it: observable, reporting each change. */
    private static final class Level implements Point {
        final LiveValue value;

        Level(double level, Instant at) {
            value = new LiveValue(Reading.of(level, at));
        }

        @Override
        public PointInfo info() {
            return StandardPoint.LIGHT_LEVEL.info();
        }

        @Override
        public Reading read() {
            return value.get();
        }

        @Override
        public Subscription observe(Consumer<Reading> listener) {
            return value.subscribe(listener);
        }
    }

    private static List<Double> values(PointHistory history, Instant from, Instant to, Instant now) {
        return history.get("/light/level").ring().between(from.getEpochSecond() / 60, to.getEpochSecond() / 60,
                now.toEpochMilli()).stream().map(MinuteRing.Minute::value).toList();
    }

    private void settle() throws Exception {
        // everything the recorder does runs on the notifier: a task queued after it runs after it
        notifier.submit(() -> null).get(5, TimeUnit.SECONDS);
        notifier.submit(() -> null).get(5, TimeUnit.SECONDS);
    }

    @Test
    void aPublishedPointsValueAndItsChangesAreRecordedAndKeptAcrossARestart() throws Exception {
        Path file = data.resolve(HistoryRecorder.FILE);
        PointHistory history = HistoryRecorder.load(file, 2880, 64, TEN_PM.toEpochMilli());
        HistoryRecorder recorder = new HistoryRecorder(tree, history, () -> clock, file);
        Level level = new Level(50, TEN_PM);
        tree.add(new PointOffer(1, "/light/level", level, 0, null));
        recorder.start(notifier, 30);
        settle();

        level.value.set(Reading.of(100, TEN_PM.plusSeconds(320))); // a boost at 21:05:20
        // Reports closer together than a notification are seen as the latest, by observers and history alike.
        settle();
        level.value.set(Reading.of(50, TEN_PM.plusSeconds(440)));
        now.set(TEN_PM.plusSeconds(600));
        settle();
        notifier.shutdownNow();
        assertThat(notifier.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        recorder.close();

        assertThat(values(history, TEN_PM, TEN_PM.plusSeconds(600), now.get())).containsExactly(50.0, 50.0, 50.0,
                50.0, 50.0, 100.0, 100.0, 50.0, 50.0, 50.0, 50.0);
        assertThat(Files.size(file)).as("one ring of 2880 minutes (11.5 KB in memory) of a few steps, deflated")
                .isBetween(20L, 1_024L);

        Instant later = TEN_PM.plus(Duration.ofHours(1));
        PointHistory again = HistoryRecorder.load(file, 2880, 64, later.toEpochMilli());
        assertThat(values(again, TEN_PM, later, later)).as("the same minutes, and none while the post was off")
                .containsExactly(50.0, 50.0, 50.0, 50.0, 50.0, 100.0, 100.0, 50.0, 50.0, 50.0, 50.0);
    }

    @Test
    void aWithdrawnPointKeepsItsHistoryAndAGapUntilItIsPublishedAgain() throws Exception {
        PointHistory history = new PointHistory(2880, 64);
        HistoryRecorder recorder = new HistoryRecorder(tree, history, () -> clock, null);
        recorder.start(notifier, 0);
        tree.add(new PointOffer(1, "/light/level", new Level(50, TEN_PM), 0, null));
        settle();
        now.set(TEN_PM.plusSeconds(120));
        tree.remove(1); // the dimming bundle is updated
        settle();
        now.set(TEN_PM.plusSeconds(300));
        tree.add(new PointOffer(2, "/light/level", new Level(70, TEN_PM.plusSeconds(300)), 0, null));
        settle();

        assertThat(history.get("/light/level").ring().between(TEN_PM.getEpochSecond() / 60,
                TEN_PM.getEpochSecond() / 60 + 10, now.get().toEpochMilli()))
                .extracting(MinuteRing.Minute::value).containsExactly(50.0, 50.0, 50.0, 70.0);
        recorder.close();
    }

    @Test
    void anUnreadableHistoryFileStartsANewHistory() throws Exception {
        Path file = data.resolve(HistoryRecorder.FILE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "not a history");

        PointHistory history = HistoryRecorder.load(file, 2880, 64, TEN_PM.toEpochMilli());

        assertThat(history.paths()).isEmpty();
    }
}
