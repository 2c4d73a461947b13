package org.lampyris.coap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.eclipse.californium.core.CoapResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lampyris.api.Subscription;
import org.lampyris.api.point.InvalidValueException;
import org.lampyris.api.point.LiveValue;
import org.lampyris.api.point.Point;
import org.lampyris.api.point.PointInfo;
import org.lampyris.api.point.Reading;
import org.lampyris.api.point.StandardPoint;
import org.lampyris.api.point.ValueKind;

/** The directory answers what the CoAP resources answer, and tells its failures the way its contract says. */
class PublishedPointsTest {
    private final PluginCalls calls = new PluginCalls(200, 4, 16, 30);
    private final ScheduledExecutorService notifier = Executors.newSingleThreadScheduledExecutor();
    private final PointTree tree = new PointTree(new CoapResource(""), new PointContext(new PostIdentity("t"), calls,
            notifier, 0, 60_000, bundle -> Quarantine.NONE));
    private final PublishedPoints directory = new PublishedPoints(tree);

    @AfterEach
    void tearDown() {
        tree.clear();
        calls.close();
        notifier.shutdownNow();
    }

    /** A level point that keeps 0-100, as the dimming plugin's does, and reports each change. */
    private static final class Level implements Point {
        final LiveValue value = new LiveValue(Reading.of(70, Instant.EPOCH));
        final AtomicInteger writes = new AtomicInteger();
        volatile long delayMillis;

        @Override
        public PointInfo info() {
            return StandardPoint.LIGHT_LEVEL.info();
        }

        @Override
        public Reading read() throws InterruptedException {
            Thread.sleep(delayMillis);
            return value.get();
        }

        @Override
        public void write(Reading v) throws InvalidValueException {
            writes.incrementAndGet();
            if (v.number() < 0 || v.number() > 100) {
                throw new InvalidValueException("level must be between 0 and 100 %");
            }
            value.set(v);
        }

        @Override
        public Subscription observe(Consumer<Reading> listener) {
            return value.subscribe(listener);
        }
    }

    /** A read-only gauge whose plugin does not report changes. */
    private static Point gauge() {
        return new Point() {
            @Override
            public PointInfo info() {
                return new PointInfo("W", List.of("vendor.gauge"), PointInfo.Interface.SENSOR, ValueKind.NUMBER, false,
                        false, "");
            }

            @Override
            public Reading read() {
                return Reading.of(12, Instant.EPOCH);
            }
        };
    }

    private Level publishLevel(long serviceId) {
        Level level = new Level();
        assertThat(tree.add(new PointOffer(serviceId, "/light/level", level, 0, null))).isTrue();
        return level;
    }

    @Test
    void aWrittenValueIsReadBackAndAnOutOfRangeOneIsRefusedWithThePluginsReason() throws Exception {
        publishLevel(1);
        assertThat(directory.read("/light/level").number()).isEqualTo(70);
        directory.write("/light/level", Reading.of(40, Instant.now()));
        assertThat(directory.read("/light/level").number()).isEqualTo(40);
        assertThatThrownBy(() -> directory.write("/light/level", Reading.of(150, Instant.now())))
                .isInstanceOf(InvalidValueException.class).hasMessage("level must be between 0 and 100 %");
        assertThat(directory.read("/light/level").number()).isEqualTo(40);
    }

    @Test
    void aValueOfAnotherKindIsRefusedWithoutReachingThePlugin() throws Exception {
        Level level = publishLevel(1);
        assertThatThrownBy(() -> directory.write("/light/level", Reading.of("bright", Instant.now())))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("NUMBER");
        assertThat(level.writes).hasValue(0);
    }

    @Test
    void aReadOnlyPointAnUnknownPathAndANonObservablePointAreRefusedByName() {
        tree.add(new PointOffer(2, "/vendor/gauge", gauge(), 0, null));
        assertThatThrownBy(() -> directory.write("/vendor/gauge", Reading.of(1, Instant.now())))
                .isInstanceOf(UnsupportedOperationException.class).hasMessage("/vendor/gauge is read-only");
        assertThatThrownBy(() -> directory.read("/light/nothing")).isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("/light/nothing");
        assertThatThrownBy(() -> directory.observe("/vendor/gauge", v -> {
        })).isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("/vendor/gauge");
    }

    @Test
    void aPluginThatMissesItsBudgetIsATimeout() {
        Level level = publishLevel(1);
        level.delayMillis = 1_000;
        assertThatThrownBy(() -> directory.read("/light/level")).isInstanceOf(TimeoutException.class)
                .hasMessageContaining("200 ms").hasCauseInstanceOf(PluginCalls.Overrun.class);
    }

    @Test
    void anObserverHearsEachReportedValueUntilThePointIsWithdrawn() throws Exception {
        Level level = publishLevel(1);
        BlockingQueue<Double> heard = new LinkedBlockingQueue<>();
        List<String> broken = new CopyOnWriteArrayList<>();
        directory.observe("/light/level", v -> {
            broken.add("called");
            throw new IllegalStateException("a broken bridge");
        });
        directory.observe("/light/level", v -> heard.add(v.number()));

        level.value.set(Reading.of(55, Instant.now()));
        assertThat(heard.poll(5, TimeUnit.SECONDS)).isEqualTo(55.0);
        assertThat(broken).hasSize(1);

        tree.remove(1);
        assertThat(level.value.listenerCount()).as("the plugin's subscription is closed").isZero();
        level.value.set(Reading.of(60, Instant.now()));
        assertThat(heard.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void aClosedObservationHearsNothingMore() throws Exception {
        Level level = publishLevel(1);
        BlockingQueue<Double> heard = new LinkedBlockingQueue<>();
        directory.observe("/light/level", v -> heard.add(v.number())).close();
        level.value.set(Reading.of(55, Instant.now()));
        assertThat(heard.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void listenersAreToldWhenPointsComeAndGoEvenIfOneOfThemThrows() throws Exception {
        CountDownLatch published = new CountDownLatch(1);
        CountDownLatch withdrawn = new CountDownLatch(1);
        directory.onPointsChanged(() -> {
            throw new IllegalStateException("a broken bridge");
        });
        directory.onPointsChanged(() -> {
            if (directory.points().containsKey("/light/level")) {
                published.countDown();
            } else {
                withdrawn.countDown();
            }
        });
        publishLevel(1);
        assertThat(published.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(directory.points().get("/light/level")).isEqualTo(StandardPoint.LIGHT_LEVEL.info());
        tree.remove(1);
        assertThat(withdrawn.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(directory.points()).isEmpty();
    }
}
