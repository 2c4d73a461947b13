package org.lampyris.tests.osgi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapObserveRelation;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lampyris.api.health.PluginQuarantine;
import org.lampyris.api.health.QuarantinedPlugin;
import org.lampyris.hal.luminaire.Luminaire;
import org.lampyris.testkit.Await;
import org.lampyris.testkit.CoapTestClient;
import org.lampyris.tests.osgi.misbehaving.BlockingPlugin;
import org.lampyris.tests.osgi.misbehaving.FailingLightingPlugin;
import org.lampyris.tests.osgi.misbehaving.FloodingPlugin;
import org.lampyris.tests.osgi.misbehaving.SpawningPlugin;
import org.lampyris.tests.osgi.misbehaving.ThrowingPlugin;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;

/**
 * Deliberately misbehaving plugins, each a bundle of its own: the one that throws and the one that hangs are
 * quarantined after their fifth failed call and listed with the reason, the one that floods change events and the
 * one that spawns threads do not stop the others, and meanwhile the well-behaved plugins' points keep answering at
 * once (the time budget here is 500 ms, conf/org.lampyris.coap.cfg).
 */
class MisbehavingPluginsTest {
    /** A good point's answer may take this long on a busy machine; a retransmission alone would take 2 s. */
    private static final long PROMPT_MILLIS = 1_000;

    @InjectBundleContext
    BundleContext context;

    @InjectService
    PluginQuarantine quarantine;

    @InjectService
    Luminaire luminaire;

    private CoapTestClient coap;
    private final List<Bundle> installed = new ArrayList<>();
    private long slowest;

    @BeforeEach
    void setUp() throws Exception {
        coap = PostEndpoint.engineer(context);
        Await.until("the level point answers", () -> coap.get("/light/level").getCode() == ResponseCode.CONTENT);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Bundle b : installed) {
            if (b.getState() != Bundle.UNINSTALLED) {
                b.uninstall();
            }
        }
        coap.close();
    }

    @Test
    void aPluginThatKeepsThrowingIsQuarantinedAndTheOthersKeepAnswering() throws Exception {
        Bundle bad = install(ThrowingPlugin.class);
        Await.until("its point is published", () -> coap.discover("").contains("</vendor/bad/throws>"));
        for (int i = 0; i < 5; i++) {
            CoapResponse r = coap.get("/vendor/bad/throws");
            assertThat(r.getCode()).isEqualTo(ResponseCode.INTERNAL_SERVER_ERROR);
            assertThat(r.getResponseText()).contains("sensor on fire");
            assertGoodPointsAnswerPromptly();
        }
        Await.until("the plugin is stopped", () -> bad.getState() == Bundle.RESOLVED);
        assertThat(quarantined(bad)).satisfies(q -> assertThat(q.reason())
                .startsWith("5 failed calls in a row").contains("sensor on fire"));
        CoapResponse health = coap.get("/mgmt/health");
        assertThat(health.getCode()).isEqualTo(ResponseCode.CONTENT);
        assertThat(health.getResponseText()).as("the engineer's health report names the plugin and why")
                .contains("\"status\":\"degraded\"").contains("\"symbolicName\":\"" + bad.getSymbolicName() + "\"")
                .contains("sensor on fire");
        assertThat(coap.get("/vendor/bad/throws").getCode()).isEqualTo(ResponseCode.NOT_FOUND);
        assertGoodPointsAnswerPromptly();
    }

    @Test
    void aQuarantinedLightingPluginLeavesTheLampAtTheFailSafeLevel() throws Exception {
        Bundle dimming = bundle("org.lampyris.dimming");
        dimming.stop();
        try {
            Await.until("the fail-safe holds the light", () -> luminaire.state().targetLevel() == 100);
            Bundle bad = install(FailingLightingPlugin.class, "org.lampyris.api.lighting");
            Await.until("the bad plugin's level point is published", () -> coap.get("/light/level").getCode()
                    == ResponseCode.INTERNAL_SERVER_ERROR);
            luminaire.setLevel(30, java.time.Duration.ZERO); // what a lighting plugin in control may have done
            // Every failed read counts towards the quarantine, the history's first read of the new point too: until
            // the plugin is stopped, a read answers 5.00.
            for (int i = 1; i < 5; i++) {
                ResponseCode code = coap.get("/light/level").getCode();
                if (bad.getState() != Bundle.ACTIVE) { // stopping or stopped: its point is withdrawn
                    break;
                }
                assertThat(code).isEqualTo(ResponseCode.INTERNAL_SERVER_ERROR);
            }
            Await.until("the plugin is quarantined", () -> bad.getState() == Bundle.RESOLVED);
            Await.until("the fail-safe takes the light back", () -> luminaire.state().targetLevel() == 100);
            assertThat(quarantined(bad).reason()).contains("driver lost");
            assertThat(coap.get("/mgmt/health").getResponseText()).as("health shows the fail-safe in control")
                    .contains("\"failSafe\":{\"engaged\":true,\"lightingPlugins\":[],\"level\":100")
                    .contains("driver lost");
            assertGoodPointsAnswerPromptly(new String[] { "/air/pm25", "/count/presence" });
        } finally {
            dimming.start();
        }
        Await.until("the dimming plugin is back", () -> coap.get("/light/level").getCode() == ResponseCode.CONTENT);
    }

    @Test
    void aPluginThatHangsGetsPromptServiceUnavailableAnswersThenIsQuarantined() throws Exception {
        Bundle bad = install(BlockingPlugin.class);
        Await.until("its point is published", () -> coap.discover("").contains("</vendor/bad/blocks>"));
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            CoapResponse r = coap.get("/vendor/bad/blocks");
            assertThat(r.getCode()).isEqualTo(ResponseCode.SERVICE_UNAVAILABLE);
            assertThat((System.nanoTime() - start) / 1_000_000).as("a prompt answer").isLessThan(PROMPT_MILLIS + 500);
            assertGoodPointsAnswerPromptly();
        }
        Await.until("the plugin is stopped", () -> bad.getState() == Bundle.RESOLVED);
        assertThat(quarantined(bad).reason()).contains("did not read in time");
        assertThat(coap.get("/vendor/bad/blocks").getCode()).isEqualTo(ResponseCode.NOT_FOUND);
        assertGoodPointsAnswerPromptly();
    }

    @Test
    void aPluginThatFloodsChangeEventsDoesNotDelayTheOthersOrTheirObservers() throws Exception {
        Bundle bad = install(FloodingPlugin.class);
        Await.until("its point is published", () -> coap.discover("").contains("</vendor/bad/floods>"));
        List<String> flood = new CopyOnWriteArrayList<>();
        List<String> level = new CopyOnWriteArrayList<>();
        CoapClient floodClient = coap.client("/vendor/bad/floods");
        CoapClient levelClient = coap.client("/light/level");
        long observing = System.nanoTime();
        CoapObserveRelation floodRelation = floodClient.observeAndWait(CoapTestClient.collecting(r -> flood.add(r
                .getResponseText())));
        CoapObserveRelation levelRelation = levelClient.observeAndWait(CoapTestClient.collecting(r -> level.add(r
                .getResponseText())));
        try {
            for (int i = 0; i < 20; i++) {
                assertGoodPointsAnswerPromptly();
            }
            assertThat(coap.put("/light/level", "33").getCode()).isEqualTo(ResponseCode.CHANGED);
            Await.until("the level's observer hears the change amid the flood", () -> level.contains("33"));
            Await.until("the flood's observer hears more than the first answer", () -> flood.size() > 1);
            long millis = (System.nanoTime() - observing) / 1_000_000;
            // at most one notification per 100 ms (notify.min.interval.ms), the latest value each time
            assertThat(flood.size()).as("the flood's notifications in %d ms", millis)
                    .isLessThanOrEqualTo((int) (millis / 100) + 2);
            assertThat(bad.getState()).as("flooding is not failing").isEqualTo(Bundle.ACTIVE);
        } finally {
            floodRelation.proactiveCancel();
            levelRelation.proactiveCancel();
            floodClient.shutdown();
            levelClient.shutdown();
        }
    }

    @Test
    void aPluginThatSpawnsThreadsDoesNotStopTheOthersAnswering() throws Exception {
        Bundle bad = install(SpawningPlugin.class);
        Await.until("its point is published", () -> coap.discover("").contains("</vendor/bad/spawns>"));
        for (int i = 0; i < 40; i++) {
            assertThat(coap.get("/vendor/bad/spawns").getCode()).isEqualTo(ResponseCode.CONTENT);
        }
        for (int i = 0; i < 20; i++) {
            assertGoodPointsAnswerPromptly();
        }
        assertThat(bad.getState()).isEqualTo(Bundle.ACTIVE);
    }

    private void assertGoodPointsAnswerPromptly() {
        assertGoodPointsAnswerPromptly(new String[] { "/light/level", "/air/pm25", "/count/presence" });
    }

    private void assertGoodPointsAnswerPromptly(String[] paths) {
        for (String path : paths) {
            long start = System.nanoTime();
            CoapResponse r = coap.get(path);
            long millis = (System.nanoTime() - start) / 1_000_000;
            slowest = Math.max(slowest, millis);
            assertThat(r.getCode()).as("GET %s", path).isIn(ResponseCode.CONTENT);
            assertThat(millis).as("GET %s answered in ms", path).isLessThan(PROMPT_MILLIS);
        }
    }

    private QuarantinedPlugin quarantined(Bundle bundle) {
        return quarantine.quarantined().stream().filter(q -> q.symbolicName().equals(bundle.getSymbolicName()))
                .reduce((a, b) -> b).orElseThrow(() -> new AssertionError(bundle.getSymbolicName()
                        + " is not listed as quarantined: " + quarantine.quarantined()));
    }

    private Bundle bundle(String symbolicName) {
        return FailSafeLightingTest.bundle(context, symbolicName);
    }

    /** Packs the class into a bundle of its own, with it as the activator, and starts it. */
    private Bundle install(Class<?> plugin, String... moreImports) throws Exception {
        Bundle bundle = TestBundles.install(context, "vendor.bad.", plugin, moreImports);
        installed.add(bundle);
        return bundle;
    }
}
