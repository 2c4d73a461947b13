package org.lampyris.tests.osgi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lampyris.tests.osgi.FailSafeLightingTest.awaitTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapObserveRelation;
import org.junit.jupiter.api.Test;
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
        try (Coap coap = new Coap()) {
            CoapClient client = coap.client("/mgmt/health");
            CoapObserveRelation relation = client.observe(Coap.collecting(r -> seen.add(r.getResponseText())));
            try {
                awaitTrue("the first health report", () -> !seen.isEmpty());
                assertThat(seen.get(0)).contains("\"engaged\":false");
                dimming.stop();
                awaitTrue("a notification with the fail-safe engaged",
                        () -> seen.stream().anyMatch(s -> s.contains("\"engaged\":true")));
                dimming.start();
                int before = seen.size();
                awaitTrue("a notification with the lighting plugin back", () -> seen.size() > before
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
