package org.lampyris.internal.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SharedThreadsTest {
    private final SharedThreads threads = new SharedThreads(8, 50, 30);

    @AfterEach
    void close() {
        threads.close();
    }

    @Test
    void componentsThatWakeTogetherShareOneWorkerWhichCarriesTheirNames() throws InterruptedException {
        BlockingQueue<String> ranOn = new LinkedBlockingQueue<>();
        List<SerialScheduler> components = List.of(threads.serial("lampyris-dimming"),
                threads.serial("lampyris-counting"), threads.serial("lampyris-airquality"));
        for (int round = 0; round < 5; round++) {
            for (SerialScheduler c : components) {
                c.schedule(() -> ranOn.add(Thread.currentThread().getName()), 10, TimeUnit.MILLISECONDS);
            }
            for (int i = 0; i < components.size(); i++) {
                assertThat(ranOn.poll(5, TimeUnit.SECONDS)).isNotNull().startsWith("lampyris-");
            }
        }
        assertThat(threads.workerCount()).as("workers after five rounds of three short tasks").isEqualTo(1);
        components.forEach(SerialScheduler::shutdownNow);
    }

    @Test
    void aComponentThatBlocksHoldsUpOnlyItsOwnTasks() throws InterruptedException {
        SerialScheduler stuck = threads.serial("stuck");
        SerialScheduler other = threads.serial("other");
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocking = new CountDownLatch(1);
        AtomicInteger stuckRuns = new AtomicInteger();
        stuck.execute(() -> {
            blocking.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        stuck.execute(stuckRuns::incrementAndGet);
        assertThat(blocking.await(5, TimeUnit.SECONDS)).isTrue();
        BlockingQueue<Long> ticks = new LinkedBlockingQueue<>();
        ScheduledFuture<?> periodic = other.scheduleAtFixedRate(() -> ticks.add(System.nanoTime()), 0, 20,
                TimeUnit.MILLISECONDS);
        for (int i = 0; i < 5; i++) {
            assertThat(ticks.poll(5, TimeUnit.SECONDS)).as("tick %d of the other component", i).isNotNull();
        }
        assertThat(stuckRuns).as("the blocked component's next task waits for its first").hasValue(0);
        release.countDown();
        periodic.cancel(false);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (stuckRuns.get() == 0 && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertThat(stuckRuns).hasValue(1);
    }

    @Test
    void aPeriodicTaskThatThrowsIsNotRunAgainAndShutdownDropsWhatIsScheduled() throws InterruptedException {
        SerialScheduler c = threads.serial("c");
        AtomicInteger runs = new AtomicInteger();
        ScheduledFuture<?> failing = c.scheduleWithFixedDelay(() -> {
            runs.incrementAndGet();
            throw new IllegalStateException("broken");
        }, 0, 10, TimeUnit.MILLISECONDS);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!failing.isDone() && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        Thread.sleep(100);
        assertThat(failing.isDone()).isTrue();
        assertThat(runs).hasValue(1);

        List<String> late = new CopyOnWriteArrayList<>();
        c.schedule(() -> late.add("late"), 100, TimeUnit.MILLISECONDS);
        c.shutdown();
        assertThat(c.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(200);
        assertThat(late).isEmpty();
    }
}
