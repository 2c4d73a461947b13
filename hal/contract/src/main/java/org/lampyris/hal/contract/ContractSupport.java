package org.lampyris.hal.contract;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

/** What the contract suites share: watching the threads a device starts. */
final class ContractSupport {
    private ContractSupport() {
    }

    /** @return the live threads, less the test's own Modbus device's and the JDK's process reaper */
    static Set<Thread> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> !t.getName().startsWith("pymodbus-device") && !t.getName().startsWith("process reaper"))
                .collect(Collectors.toCollection(HashSet::new));
    }

    /** Asserts that the threads started since {@code before} end within 10 s of real time. */
    static void assertThreadsEnd(Set<Thread> before, String what) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Set<Thread> left = liveThreads();
        left.removeAll(before);
        while (!left.isEmpty() && System.nanoTime() < end) {
            Thread.sleep(20);
            left.retainAll(liveThreads());
        }
        assertTrue(left.isEmpty(), "threads " + what + " started are still running 10 s after its release: "
                + left.stream().map(Thread::getName).toList());
    }
}
