package org.lampyris.tests.osgi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Hashtable;

import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lampyris.hal.luminaire.Luminaire;
import org.lampyris.testkit.Await;
import org.lampyris.testkit.CoapTestClient;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;

class FailSafeLightingTest {

    @InjectBundleContext
    BundleContext context;

    @InjectService
    Luminaire luminaire;

    @InjectService
    ConfigurationAdmin configurationAdmin;

    private CoapTestClient coap;

    @BeforeEach
    void setUp() throws Exception {
        coap = PostEndpoint.engineer(context);
        Await.until("the level point is published", () -> ok("/light/level"));
    }

    @AfterEach
    void tearDown() throws Exception {
        Bundle dimming = bundle("org.lampyris.dimming");
        if (dimming.getState() != Bundle.ACTIVE) {
            dimming.start();
        }
        coap.close();
    }

    @Test
    void stoppingTheDimmingBundleHoldsTheLightAtTheFailSafeLevelRemovesItsPointsAndLeavesTheLevelReadOnly()
            throws Exception {
        assertThat(coap.put("/light/level", "30").getCode()).isEqualTo(ResponseCode.CHANGED);
        Await.until("the lamp is dimmed to 30 %", () -> luminaire.state().targetLevel() == 30);

        long stopping = System.nanoTime(); // from the moment the stop is asked for, not after it returned
        bundle("org.lampyris.dimming").stop();
        Await.until("the lamp returns to the fail-safe level", () -> luminaire.state().targetLevel() == 100);
        assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(1));

        // The fail-safe publishes its stand-in for /light/level on its scheduler, a moment after it took the lamp.
        Await.until("the level stays in sight, answered by the platform", Duration.ofSeconds(2),
                () -> coap.discover("").contains("</light/level>"));
        assertThat(coap.discover("")).doesNotContain("</light/power>").contains("</light/failsafe>");
        CoapResponse level = coap.get("/light/level");
        assertThat(level.getCode()).isEqualTo(ResponseCode.CONTENT);
        assertThat(level.getResponseText()).as("the level the fail-safe holds").isEqualTo("100");
        CoapResponse write = coap.put("/light/level", "30");
        assertThat(write.getCode()).as("read-only while no lighting plugin holds the lamp")
                .isEqualTo(ResponseCode.METHOD_NOT_ALLOWED);
        assertThat(write.getResponseText()).contains("no lighting plugin holds the luminaire");
        assertThat(luminaire.state().targetLevel()).as("a refused write changes nothing").isEqualTo(100.0);
        CoapResponse failsafe = coap.get("/light/failsafe");
        assertThat(failsafe.getCode()).isEqualTo(ResponseCode.CONTENT);
        assertThat(failsafe.getResponseText()).isEqualTo("100");
    }

    @Test
    void uninstallingTheDimmingBundleHoldsTheLightAtTheFailSafeLevelAndItsObserversHearTheEnd() throws Exception {
        assertThat(coap.put("/light/level", "30").getCode()).isEqualTo(ResponseCode.CHANGED);
        Await.until("the lamp is dimmed to 30 %", () -> luminaire.state().targetLevel() == 30);
        java.util.List<CoapResponse> notifications = new java.util.concurrent.CopyOnWriteArrayList<>();
        org.eclipse.californium.core.CoapClient client = coap.client("/light/level");
        org.eclipse.californium.core.CoapObserveRelation relation = client.observeAndWait(
                CoapTestClient.collecting(notifications::add));
        Bundle dimming = bundle("org.lampyris.dimming");
        String location = dimming.getLocation();
        byte[] jar;
        // the launcher installs by reference ("reference:file:..."): keep the bytes to install it again afterwards
        try (java.io.InputStream in = new java.net.URL(location.replaceFirst("^reference:", "")).openStream()) {
            jar = in.readAllBytes();
        }
        try {
            long uninstalling = System.nanoTime();
            dimming.uninstall();
            Await.until("the lamp returns to the fail-safe level", () -> luminaire.state().targetLevel() == 100);
            assertThat(Duration.ofNanos(System.nanoTime() - uninstalling)).isLessThan(Duration.ofSeconds(1));
            Await.until("the observer of the level is told it is gone", () -> notifications.stream()
                    .anyMatch(n -> n.getCode() == ResponseCode.NOT_FOUND));
            Await.until("the platform answers the level the fail-safe holds", () -> "100".equals(
                    coap.get("/light/level").getResponseText()));
        } finally {
            relation.proactiveCancel();
            client.shutdown();
            // through the system bundle: osgi-test uninstalls what a test installs through its own context
            Bundle again = context.getBundle(0).getBundleContext().installBundle(location,
                    new java.io.ByteArrayInputStream(jar));
            again.start();
        }
        Await.until("the reinstalled dimming plugin publishes the level again", () -> ok("/light/level"));
    }

    @Test
    void theDimmingBundleTakesTheLightBackWhenItStartsAgain() throws Exception {
        Bundle dimming = bundle("org.lampyris.dimming");
        dimming.stop();
        Await.until("the fail-safe holds the level, read-only", () -> coap.put("/light/level", "40").getCode()
                == ResponseCode.METHOD_NOT_ALLOWED);
        dimming.start();
        Await.until("the dimming plugin takes the level back", () -> coap.put("/light/level", "40").getCode()
                == ResponseCode.CHANGED);
        Await.until("the lamp follows the dimming plugin", () -> luminaire.state().targetLevel() == 40);
    }

    @Test
    void aNewFailSafeLevelAppliesAtOnceWhileNoLightingPluginIsInControl() throws Exception {
        bundle("org.lampyris.dimming").stop();
        Configuration config = configurationAdmin.getConfiguration("org.lampyris.failsafe", "?");
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("level", 70.0);
        config.update(props);
        try {
            Await.until("the lamp goes to the new fail-safe level", () -> luminaire.state().targetLevel() == 70);
            assertThat(luminaire.systemFailureLevel()).isEqualTo(70.0);
            assertThat(coap.get("/light/failsafe").getResponseText()).isEqualTo("70");
        } finally {
            props.put("level", 100.0);
            config.update(props);
        }
    }

    @Test
    void anEngineerCanSetTheFailSafeLevelOverCoapAndBadLevelsAreRefused() throws Exception {
        try {
            assertThat(coap.put("/light/failsafe", "80").getCode()).isEqualTo(ResponseCode.CHANGED);
            Await.until("the gear is programmed with the new level", () -> luminaire.systemFailureLevel() == 80);
            CoapResponse bad = coap.put("/light/failsafe", "101");
            assertThat(bad.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
            assertThat(bad.getResponseText()).contains("between 0 and 100");
            assertThat(coap.get("/light/failsafe").getResponseText()).isEqualTo("80");
        } finally {
            coap.put("/light/failsafe", "100");
        }
    }

    private boolean ok(String path) {
        return coap.answers(path);
    }

    private Bundle bundle(String symbolicName) {
        return bundle(context, symbolicName);
    }

    /** @return the installed bundle of that symbolic name */
    static Bundle bundle(BundleContext context, String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("bundle " + symbolicName + " is not installed");
    }
}
