package org.lampyris.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class AwaitTest {

    @Test
    void aWaitEndsAsSoonAsTheConditionHolds() throws Exception {
        AtomicInteger polls = new AtomicInteger();

        long start = System.nanoTime();
        Await.until("the third poll", () -> polls.incrementAndGet() == 3);

        assertThat(polls).hasValue(3);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void aWaitThatRunsOutSaysWhatWasAwaited() {
        assertThatThrownBy(() -> Await.until("the lamp is at 30 %", Duration.ofMillis(100), () -> false))
                .isInstanceOf(AssertionError.class).hasMessage("waited 100 ms in vain until the lamp is at 30 %");
    }

    @Test
    void aProbedValueIsReturnedAndTheLastOneSeenIsReportedWhenNoneWasAccepted() throws Exception {
        AtomicInteger level = new AtomicInteger();

        assertThat(Await.until("the level reaches 5", Duration.ofSeconds(5), level::incrementAndGet, l -> l >= 5))
                .isEqualTo(5);
        assertThatThrownBy(() -> Await.until("the level is negative", Duration.ofMillis(50), level::get, l -> l < 0))
                .hasMessage("waited 50 ms in vain until the level is negative; last seen: 5");
    }

    @Test
    void aConditionThatThrowsEndsTheWait() {
        assertThatThrownBy(() -> Await.until("a broken check", () -> {
            throw new IllegalStateException("no lamp");
        })).isInstanceOf(IllegalStateException.class).hasMessage("no lamp");
    }

    @Test
    void whatAProcessPrintsCanBeAwaitedBeforeItEndsEvenWithoutALineBreak() throws Exception {
        Process p = new ProcessBuilder("sh", "-c", "printf 12; sleep 0.3; printf 88").start();
        ProcessOutput output = ProcessOutput.of(p);

        assertThat(output.await("the first notification", Duration.ofSeconds(10), t -> t.contains("12")))
                .isEqualTo("12");
        assertThat(output.all(Duration.ofSeconds(10))).isEqualTo("1288");
    }
}
