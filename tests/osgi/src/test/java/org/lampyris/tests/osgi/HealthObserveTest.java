package org.lampyris.tests.osgi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapObserveRelation;
import org.junit.jupiter.api.Test;
import org.lampyris.testkit.Await;
import org.lampyris.testkit.CoapTestClient;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;

/** An engineer observing /mgmt/health hears of the fail-safe taking over when the lighting plugin stops, and back. */
class HealthObserveTest {
    @InjectBundleContext
    BundleContext context;

    @Test
    void anObserverOfHealthIsToldWhenTheFailSafeTakesOverAndWhenTheLightingPluginIsBack() throws Exception {
        Bundle dimming = FailSafeLightingTest.bundle(context, "org.lampyris.dimming");
        List<String> seen = new CopyOnWriteArrayList<>();
        try (CoapTestClient coap = PostEndpoint.engineer(context)) {
            CoapClient client = coap.client("/mgmt/health");
            CoapObserveRelation relation = client.observe(CoapTestClient.collecting(r -> seen.add(r
                    .getResponseText())));
            try {
                Await.until("the first health report", () -> !seen.isEmpty());
                assertThat(seen.get(0)).contains("\"engaged\":false");
                dimming.stop();
                Await.until("a notification with the fail-safe engaged",
                        () -> seen.stream().anyMatch(s -> s.contains("\"engaged\":true")));
                dimming.start();
                int before = seen.size();
                Await.until("a notification with the lighting plugin back", () -> seen.size() > before
                        && seen.get(seen.size() - 1).contains("\"engaged\":false"));
            } finally {
                if (dimming.getState() != Bundle.ACTIVE) {
                    dimming.start();
                }
                relation.proactiveCancel();
                client.shutdown();
            }
        }
    }
}
