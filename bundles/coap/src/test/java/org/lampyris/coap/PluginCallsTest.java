package org.lampyris.coap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PluginCallsTest {
    private final PluginCalls calls = new PluginCalls(200, 2, 64, 30);

    @AfterEach
    void tearDown() {
        calls.close();
    }

    @Test
    void aCallReturnsItsResult() throws Exception {
        assertThat(calls.call(() -> 42)).isEqualTo(42);
    }

    @Test
    void callsOneAfterAnotherShareAThreadSoAnIdlePostHoldsNoSpareOnes() throws Exception {
        try (PluginCalls sixteen = new PluginCalls(200, 16, 64, 30)) {
            java.util.Set<String> threads = new java.util.HashSet<>();
            for (int i = 0; i < 20; i++) {
                threads.add(sixteen.call(() -> Thread.currentThread().getName()));
            }
            // A caller has its answer a moment before the thread that ran the call counts itself idle again, so the
            // next call may make a second thread; never the pool's sixteen.
            assertThat(threads).hasSizeBetween(1, 2);
        }
    }

    @Test
    void aPluginExceptionReachesTheCallerUnwrapped() {
        assertThatThrownBy(() -> calls.call(() -> {
            throw new IOException("bus error");
        })).isInstanceOf(IOException.class).hasMessage("bus error");
    }

    @Test
    void aHungCallIsAnOverrunAfterTheBudgetAndHungCallsCannotStarveTheRest() {
        assertThatThrownBy(() -> calls.call(() -> {
            Thread.sleep(60_000);
            return null;
        })).isInstanceOf(PluginCalls.Overrun.class).hasMessageContaining("200 ms");
        // The interrupted call frees its thread: calls keep working.
        for (int i = 0; i < 5; i++) {
            try {
                assertThat(calls.call(() -> "ok")).isEqualTo("ok");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void whenEveryThreadIsHeldByCallsThatIgnoreInterruptsTheNextCallIsStillAnsweredPromptly() throws Exception {
        Object forever = new Object();
        Runnable stubborn = () -> {
            try {
                calls.call(() -> {
                    while (true) {
                        synchronized (forever) {
                            try {
                                forever.wait();
                            } catch (InterruptedException ignored) {
                                // a badly written plugin
                            }
                        }
                    }
                });
            } catch (Exception expected) {
                // overrun
            }
        };
        stubborn.run();
        stubborn.run();
        // Both threads are held: a new call waits its budget in the queue and is then an overrun, promptly.
        long start = System.nanoTime();
        assertThatThrownBy(() -> calls.call(() -> "late")).isInstanceOf(PluginCalls.Overrun.class);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_000);
    }
}
