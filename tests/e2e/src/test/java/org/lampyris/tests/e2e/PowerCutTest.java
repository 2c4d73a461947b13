package org.lampyris.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lampyris.internal.json.Json;
import org.opentest4j.TestAbortedException;
import org.lampyris.testkit.CoapTestClient;

/**
 * Acknowledged means durable: with the post's data directory on {@link LazyFs}, an engineer makes a change, takes its
 * 2.xx, and the power is cut at once (SIGKILL, then every write the post did not force is dropped); after the next
 * boot the change is there. One post takes every kind of change in turn, each followed by its own cut: configuration
 * over {@code /mgmt/config}, the fail-safe level, a signed bundle update, and an engineer's stop and start of a
 * plugin. Each test prints how many cuts it made and how many changes were lost, and fails on any loss.
 * {@code -Dlampyris.powercut.cuts} sets the cuts per kind (default 5; signed updates take at most 3, each waits out
 * its health window).
 */
class PowerCutTest {
    private static final String DIMMING = "org.lampyris.dimming";
    /** A plugin an engineer may stop: not protected. */
    private static final String COUNTING = "org.lampyris.counting";
    private static final int CUTS = Integer.getInteger("lampyris.powercut.cuts", 5);
    /** What Felix logs when it drops an archive of its bundle cache that it cannot read. */
    private static final String DROPPED = "Error reloading cached bundle";
    private static final List<String> dropped = new ArrayList<>();

    @TempDir
    static Path work;
    private static LazyFs fs;
    private static LampPost post;

    /** Why this machine cannot cut power under a post; each test reports itself skipped with it. */
    private static String cannotCut;

    @BeforeAll
    static void bootOnLazyFs() throws Exception {
        try {
            fs = LazyFs.mount(work);
        } catch (TestAbortedException e) {
            cannotCut = e.getMessage();
            return;
        }
        post = LampPost.start("powercut", fs.root().resolve("data"));
    }

    @BeforeEach
    void onlyWhereThePowerCanBeCut() {
        Assumptions.assumeTrue(cannotCut == null, cannotCut);
    }

    @AfterAll
    static void unmount() throws Exception {
        try {
            if (post != null) {
                post.close();
            }
        } finally {
            if (fs != null) {
                fs.close();
            }
        }
    }

    @Test
    void everyConfigurationChangeAcknowledgedOverMgmtSurvivesThePowerCutThatFollows() throws Exception {
        List<String> lost = new ArrayList<>();
        for (int cut = 1; cut <= CUTS; cut++) {
            int minutes = 10 + cut;
            CoapResponse r = request("PUT", "/mgmt/config/" + DIMMING,
                    "{\"override.minutes\": " + minutes + "}", MediaTypeRegistry.APPLICATION_JSON);
            assertThat(r.getCode()).as(r.getResponseText()).isEqualTo(ResponseCode.CHANGED);
            cutAndBoot();
            Object after = ((Map<?, ?>) Json.parse(get("/mgmt/config/" + DIMMING).getPayload()))
                    .get("override.minutes");
            if (!String.valueOf(minutes).equals(String.valueOf(after))) {
                lost.add("override.minutes " + minutes + " came back as " + after);
            }
        }
        report("configuration changes (PUT /mgmt/config/" + DIMMING + ")", CUTS, lost);
    }

    @Test
    void everyFailSafeLevelAnEngineerSetSurvivesThePowerCutThatFollows() throws Exception {
        List<String> lost = new ArrayList<>();
        for (int cut = 1; cut <= CUTS; cut++) {
            String level = Integer.toString(40 + cut);
            CoapResponse r = request("PUT", "/light/failsafe", level, MediaTypeRegistry.TEXT_PLAIN);
            assertThat(r.getCode()).as(r.getResponseText()).isEqualTo(ResponseCode.CHANGED);
            cutAndBoot();
            String after = get("/light/failsafe").getResponseText();
            if (!level.equals(after)) {
                lost.add("fail-safe level " + level + " came back as " + after);
            }
        }
        report("fail-safe levels (PUT /light/failsafe)", CUTS, lost);
    }

    @Test
    void everySignedUpdateAnsweredAsReplacedSurvivesThePowerCutThatFollows() throws Exception {
        int cuts = Math.min(CUTS, 3);
        Path base = SignedJars.baseJar(DIMMING);
        List<String> lost = new ArrayList<>();
        for (int cut = 1; cut <= cuts; cut++) {
            String version = "0.3." + cut;
            byte[] release = SignedJars.release(base, version);
            CoapResponse r;
            try (CoapTestClient engineer = CoapTestClient.withPsk(LampPost.ENGINEER)) {
                r = RemoteUpdateTest.put(engineer, post, release);
            }
            assertThat(r.getCode()).as(r.getResponseText()).isEqualTo(ResponseCode.CHANGED);
            cutAndBoot();
            Map<String, Object> dimming;
            try (CoapTestClient engineer = CoapTestClient.withPsk(LampPost.ENGINEER)) {
                dimming = RemoteUpdateTest.describe(engineer, post);
            }
            if (!version.equals(dimming.get("version")) || !"ACTIVE".equals(dimming.get("state"))) {
                lost.add("update to " + version + " came back as " + dimming.get("version") + " "
                        + dimming.get("state"));
            }
        }
        report("signed updates (PUT /mgmt/bundles/" + DIMMING + ")", cuts, lost);
    }

    @Test
    void aPluginAnEngineerStoppedStaysStoppedAndOneHeStartedStaysStartedAfterTheCut() throws Exception {
        List<String> lost = new ArrayList<>();
        for (String action : List.of("stop", "start")) {
            CoapResponse r = request("POST", "/mgmt/bundles/" + COUNTING, action, MediaTypeRegistry.TEXT_PLAIN);
            assertThat(r.getCode()).as(r.getResponseText()).isEqualTo(ResponseCode.CHANGED);
            cutAndBoot();
            Object state = ((Map<?, ?>) Json.parse(get("/mgmt/bundles/" + COUNTING).getPayload())).get("state");
            // Stopped, a bundle stays unresolved until something needs it: INSTALLED or RESOLVED, never ACTIVE.
            List<String> expected = action.equals("stop") ? List.of("INSTALLED", "RESOLVED") : List.of("ACTIVE");
            if (!expected.contains(state)) {
                lost.add(action + " of " + COUNTING + " came back " + state);
            }
        }
        report("bundle stops and starts (POST /mgmt/bundles/" + COUNTING + ")", 2, lost);
    }

    /**
     * Cuts the power and boots again. A boot that finds an archive of the bundle cache torn drops it, and the bundle
     * comes back only as a new install, without its data: that counts as a loss too.
     */
    private static void cutAndBoot() throws Exception {
        fs.cut(post.process());
        post = post.restart();
        String log = post.log();
        if (log.contains(DROPPED)) {
            dropped.add(log.lines().filter(l -> l.contains(DROPPED)).toList().toString());
        }
    }

    private static void report(String kind, int cuts, List<String> lost) {
        lost.addAll(dropped);
        dropped.clear();
        System.out.println("Power cuts right after acknowledged " + kind + ": " + cuts + " cuts, " + lost.size()
                + " changes lost" + (lost.isEmpty() ? "" : ": " + lost));
        assertThat(lost).as("acknowledged changes lost to a power cut, or bundle archives dropped").isEmpty();
    }

    private static CoapResponse get(String path) throws Exception {
        CoapResponse r = request("GET", path, null, -1);
        assertThat(r.getCode()).as("GET %s: %s", path, r.getResponseText()).isEqualTo(ResponseCode.CONTENT);
        return r;
    }

    private static CoapResponse request(String method, String path, String body, int format) throws Exception {
        try (CoapTestClient engineer = CoapTestClient.withPsk(LampPost.ENGINEER)) {
            CoapClient client = engineer.client(post.uri(path));
            client.setTimeout(30_000L);
            try {
                byte[] payload = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
                CoapResponse r = switch (method) {
                case "GET" -> client.get();
                case "PUT" -> client.put(payload, format);
                case "POST" -> client.post(payload, format);
                default -> throw new IllegalArgumentException(method);
                };
                assertThat(r).as("%s %s answered", method, path).isNotNull();
                return r;
            } finally {
                client.shutdown();
            }
        }
    }
}
