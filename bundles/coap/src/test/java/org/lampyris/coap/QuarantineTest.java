package org.lampyris.coap;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.Version;

class QuarantineTest {
    private final Quarantine quarantine = new Quarantine(3, Set.of("org.lampyris.failsafe"));
    private final AtomicInteger stops = new AtomicInteger();
    private final CountDownLatch stopped = new CountDownLatch(1);

    @AfterEach
    void tearDown() {
        quarantine.close();
    }

    private Bundle bundle(long id, String name) {
        return (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] { Bundle.class },
                (proxy, method, args) -> switch (method.getName()) {
                    case "getBundleId" -> id;
                    case "getSymbolicName" -> name;
                    case "getVersion" -> new Version(1, 2, 3);
                    case "stop" -> {
                        stops.incrementAndGet();
                        stopped.countDown();
                        yield null;
                    }
                    case "hashCode" -> (int) id;
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }

    @Test
    void aBundleThatFailsAgainAndAgainIsStoppedAndListedWithTheReason() throws Exception {
        Quarantine.Guard guard = quarantine.guard(bundle(42, "vendor.flaky"));
        guard.failed("/x failed to read: boom");
        guard.failed("/x failed to read: boom");
        guard.succeeded(); // an answer in between: it is not failing again and again
        guard.failed("/x failed to read: boom");
        guard.failed("/x failed to read: boom");
        assertThat(quarantine.quarantined()).isEmpty();
        guard.failed("/x did not read in time: the plugin did not answer within 500 ms");

        assertThat(stopped.await(5, TimeUnit.SECONDS)).as("the bundle is stopped").isTrue();
        assertThat(quarantine.quarantined()).singleElement().satisfies(q -> {
            assertThat(q.symbolicName()).isEqualTo("vendor.flaky");
            assertThat(q.version()).isEqualTo("1.2.3");
            assertThat(q.reason()).isEqualTo(
                    "3 failed calls in a row, the last: /x did not read in time: the plugin did not answer within 500 ms");
        });
        guard.failed("/x failed to read: boom"); // calls already on their way do not stop it twice
        assertThat(stops.get()).isEqualTo(1);
    }

    @Test
    void platformBundlesAndTheSystemBundleAreNeverQuarantined() {
        assertThat(quarantine.guard(bundle(7, "org.lampyris.failsafe"))).isSameAs(Quarantine.NONE);
        assertThat(quarantine.guard(bundle(0, "org.apache.felix.framework"))).isSameAs(Quarantine.NONE);
        assertThat(new Quarantine(0, Set.of()).guard(bundle(9, "vendor.any"))).isSameAs(Quarantine.NONE);
    }
}
