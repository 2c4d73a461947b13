package org.lampyris.coap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lampyris.api.Subscription;
import org.lampyris.api.point.Reading;

class ObservedValueTest {
    private final ScheduledExecutorService notifier = Executors.newSingleThreadScheduledExecutor();
    private final List<Reading> notified = new CopyOnWriteArrayList<>();
    private final AtomicInteger reads = new AtomicInteger();

    @AfterEach
    void tearDown() {
        notifier.shutdownNow();
    }

    private ObservedValue observed(long maxAgeMillis) {
        return new ObservedValue("/test/x", notifier, 0, maxAgeMillis, notified::add);
    }

    private static Reading value(double v) {
        return Reading.of(v, Instant.EPOCH);
    }

    /** The plugin's read(), counted. */
    private Reading read(double v) {
        reads.incrementAndGet();
        return value(v);
    }

    @Test
    void aReportedValueIsAnsweredWithoutCallingThePlugin() throws Exception {
        ObservedValue observed = observed(60_000);
        observed.attach(() -> { });
        observed.report(value(7));
        for (int i = 0; i < 100; i++) {
            assertThat(observed.current(() -> read(-1)).number()).isEqualTo(7);
        }
        assertThat(reads).hasValue(0);
    }

    @Test
    void beforeAnyReportThePluginIsReadOnceAndItsAnswerKept() throws Exception {
        ObservedValue observed = observed(60_000);
        observed.attach(() -> { });
        assertThat(observed.current(() -> read(3)).number()).isEqualTo(3);
        assertThat(observed.current(() -> read(4)).number()).isEqualTo(3);
        assertThat(reads).hasValue(1);
    }

    @Test
    void untilTheSubscriptionIsOpenEveryGetReadsThePlugin() throws Exception {
        ObservedValue observed = observed(60_000);
        assertThat(observed.current(() -> read(1)).number()).isEqualTo(1);
        assertThat(observed.current(() -> read(2)).number()).isEqualTo(2);
        assertThat(reads).hasValue(2);
    }

    @Test
    void afterAWriteTheNextGetReadsThePluginEvenIfItReportsTheChangeLater() throws Exception {
        ObservedValue observed = observed(60_000);
        observed.attach(() -> { });
        observed.report(value(10));
        observed.invalidate(); // a PUT of 20 went to the plugin, which has not reported it yet
        assertThat(observed.current(() -> read(20)).number()).isEqualTo(20);
        observed.report(value(20));
        assertThat(observed.current(() -> read(-1)).number()).isEqualTo(20);
        assertThat(reads).hasValue(1);
    }

    @Test
    void aReadThatAWriteOvertookIsAnsweredButNotKept() throws Exception {
        ObservedValue observed = observed(60_000);
        observed.attach(() -> { });
        observed.report(value(10));
        observed.invalidate();
        assertThat(observed.current(() -> {
            observed.invalidate(); // another write completes while this read is in the plugin
            return read(10);
        }).number()).isEqualTo(10);
        assertThat(observed.current(() -> read(30)).number()).isEqualTo(30);
    }

    @Test
    void aReportDuringAReadWinsOverTheRead() throws Exception {
        ObservedValue observed = observed(60_000);
        observed.attach(() -> { });
        assertThat(observed.current(() -> {
            observed.report(value(5));
            return read(4);
        }).number()).isEqualTo(4);
        assertThat(observed.current(() -> read(-1)).number()).isEqualTo(5);
    }

    @Test
    void aValueOlderThanTheMaximumAgeIsReadAgain() throws Exception {
        ObservedValue observed = observed(0);
        observed.attach(() -> { });
        observed.report(value(1));
        assertThat(observed.current(() -> read(2)).number()).isEqualTo(2);
        assertThat(observed.current(() -> read(3)).number()).isEqualTo(3);
        assertThat(reads).hasValue(2);
    }

    @Test
    void aWithdrawnPointAnswersNothingIgnoresReportsAndHandsOverItsSubscriptionOnce() throws Exception {
        ObservedValue observed = observed(60_000);
        Subscription subscription = () -> { };
        observed.attach(subscription);
        observed.report(value(1));
        observed.withdraw();
        observed.report(value(2));
        assertThatThrownBy(() -> observed.current(() -> read(3))).isInstanceOf(PointWithdrawnException.class);
        assertThat(reads).hasValue(0);
        assertThat(observed.release()).isSameAs(subscription);
        assertThat(observed.release()).isNull();
    }

    @Test
    void aSubscriptionOpenedAfterThePointWasWithdrawnIsRefusedForTheCallerToClose() {
        ObservedValue observed = observed(60_000);
        assertThat(observed.release()).isNull();
        assertThat(observed.attach(() -> { })).isFalse();
    }

    @Test
    void aBurstOfReportsIsOneNotificationWithTheLatestValue() throws Exception {
        ObservedValue observed = observed(60_000);
        observed.attach(() -> { });
        CountDownLatch busy = new CountDownLatch(1);
        notifier.execute(() -> await(busy)); // the notifier is busy with another point
        for (int i = 1; i <= 50; i++) {
            observed.report(value(i));
        }
        busy.countDown();
        notifier.submit(() -> { }).get(5, TimeUnit.SECONDS);
        assertThat(notified).containsExactly(value(50));
    }

    @Test
    void thePluginsThreadReturnsAtOnceWhileObserversAreBeingNotified() throws Exception {
        CountDownLatch californiumBusy = new CountDownLatch(1);
        ObservedValue observed = new ObservedValue("/test/x", notifier, 0, 60_000, v -> await(californiumBusy));
        observed.attach(() -> { });
        try {
            // the plugin reports while holding its own lock, from its own thread, again and again
            CompletableFuture<Void> plugin = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 1_000; i++) {
                    synchronized (this) {
                        observed.report(value(i));
                    }
                }
            });
            plugin.get(5, TimeUnit.SECONDS);
            assertThat(observed.current(() -> read(-1)).number()).isEqualTo(999);
        } finally {
            californiumBusy.countDown();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
