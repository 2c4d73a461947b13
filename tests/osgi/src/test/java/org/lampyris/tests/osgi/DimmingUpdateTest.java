package org.lampyris.tests.osgi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.junit.jupiter.api.Test;
import org.lampyris.api.lighting.LightingControl;
import org.lampyris.api.management.ManagementRequest;
import org.lampyris.api.management.ManagementResource;
import org.lampyris.api.management.ManagementResponse;
import org.lampyris.hal.Subscription;
import org.lampyris.hal.luminaire.Luminaire;
import org.lampyris.testkit.Await;
import org.lampyris.testkit.CoapTestClient;
import org.lampyris.testkit.TestJar;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;

/**
 * The dimming plugin is replaced by a newer signed release of itself while a client keeps reading air-quality points
 * over CoAP: not one request fails, no other bundle is stopped or restarted, the lamp goes to the fail-safe level the
 * moment the old plugin leaves and holds it until the new one takes control, and the rollback brings the original
 * back the same way.
 */
class DimmingUpdateTest {
    private static final String DIMMING = "org.lampyris.dimming";

    @InjectBundleContext
    BundleContext context;

    @InjectService(filter = "(lampyris.mgmt.name=bundles)")
    ManagementResource bundles;

    @InjectService
    Luminaire luminaire;

    @Test
    void theDimmingPluginIsUpdatedAndRolledBackWhileAirQualityAnswersEveryRequest() throws Exception {
        Bundle dimming = FailSafeLightingTest.bundle(context, DIMMING);
        String original = dimming.getVersion().toString();
        byte[] newer = BundleTransactionsTest.developmentSigner(context)
                .sign(TestJar.of(BundleTransactionsTest.jarOf(dimming)).header("Bundle-Version", "0.1.1").bytes());

        List<String> othersDisturbed = new CopyOnWriteArrayList<>();
        BundleListener listener = event -> {
            if (event.getBundle().getBundleId() != dimming.getBundleId()
                    && (event.getType() == BundleEvent.STOPPED || event.getType() == BundleEvent.UNRESOLVED)) {
                othersDisturbed.add(event.getBundle().getSymbolicName() + " " + event.getType());
            }
        };
        // What the street sees: the luminaire's target level and the lighting plugin coming and going, in order.
        List<String> street = new CopyOnWriteArrayList<>();
        ServiceListener lighting = event -> {
            if (event.getType() == ServiceEvent.UNREGISTERING) {
                street.add("lighting plugin gone");
            } else if (event.getType() == ServiceEvent.REGISTERED) {
                street.add("lighting plugin back");
            }
        };
        try (CoapTestClient coap = PostEndpoint.engineer(context); Reader reader = new Reader(coap);
                Subscription lamp = luminaire.onChange(state -> street.add("lamp " + state.targetLevel()))) {
            Await.until("air quality answers", () -> coap.answers("/air/pm25"));
            assertThat(coap.put("/light/level", "40").getCode()).isEqualTo(ResponseCode.CHANGED);
            Await.until("the lamp at the operator's 40 %", () -> luminaire.state().level() == 40);
            context.addBundleListener(listener);
            context.addServiceListener(lighting, "(objectClass=" + LightingControl.class.getName() + ")");
            reader.start();

            ManagementResponse updated = request("PUT", "", newer);
            assertThat(updated.code()).as(updated.text()).isEqualTo(204);
            assertThat(dimming.getVersion().toString()).isEqualTo("0.1.1");
            assertThat(dimming.getState()).isEqualTo(Bundle.ACTIVE);
            Await.until("the new dimming plugin answers", () -> coap.answers("/light/level"));

            ManagementResponse rolledBack = request("POST", "rollback", new byte[0]);
            assertThat(rolledBack.code()).as(rolledBack.text()).isEqualTo(204);
            assertThat(dimming.getVersion().toString()).isEqualTo(original);
            Await.until("the original dimming plugin answers", () -> coap.answers("/light/level"));

            reader.stopReading();
            assertThat(reader.reads.get()).as("air-quality reads during the update").isGreaterThan(10);
            assertThat(reader.failures).as("failed air-quality reads").isEmpty();
            assertThat(othersDisturbed).as("other bundles stopped or refreshed").isEmpty();
            assertThat(street).as("the dimming plugin left and came back").contains("lighting plugin gone",
                    "lighting plugin back");
            for (int i = 1; i < street.size() - 1; i++) {
                if (street.get(i).equals("lighting plugin gone")) {
                    // The fail-safe takes the lamp as the service goes (SCR tells it before or after this listener),
                    // before the new plugin sets its own level as it takes control.
                    assertThat(List.of(street.get(i - 1), street.get(i + 1))).as("around the plugin leaving: %s",
                            street).contains("lamp 100.0");
                }
            }
        } finally {
            context.removeBundleListener(listener);
            context.removeServiceListener(lighting);
        }
    }

    private ManagementResponse request(String method, String body, byte[] jar) throws Exception {
        byte[] payload = jar.length > 0 ? jar : body.getBytes();
        return bundles.handle(new ManagementRequest(method, List.of(DIMMING), Map.of(), payload, 42, "osgi-engineer"));
    }

    /** Reads /air/pm25 and /air/no2 over and over on a thread of its own, recording every failure. */
    private static final class Reader extends Thread implements AutoCloseable {
        final AtomicInteger reads = new AtomicInteger();
        final List<String> failures = new CopyOnWriteArrayList<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final CoapTestClient coap;

        Reader(CoapTestClient coap) {
            super("air-quality-reader");
            this.coap = coap;
        }

        @Override
        public void run() {
            while (running.get()) {
                for (String path : new String[] { "/air/pm25", "/air/no2" }) {
                    try {
                        CoapResponse r = coap.get(path);
                        if (r == null || r.getCode() != ResponseCode.CONTENT) {
                            failures.add(path + ": " + (r == null ? "no answer" : r.getCode()));
                        }
                    } catch (RuntimeException e) {
                        failures.add(path + ": " + e);
                    }
                    reads.incrementAndGet();
                }
            }
        }

        void stopReading() throws InterruptedException {
            running.set(false);
            join(10_000);
        }

        @Override
        public void close() throws InterruptedException {
            stopReading();
        }
    }
}
