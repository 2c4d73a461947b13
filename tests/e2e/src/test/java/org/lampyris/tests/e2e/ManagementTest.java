package org.lampyris.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lampyris.testkit.CoapTestClient;

/**
 * What an engineer reads and sets under /mgmt on a running post: health, configuration validated against the
 * metatype (and kept across a restart), the recent log, and no secret in any of them.
 */
class ManagementTest {
    @TempDir
    static Path data;
    static LampPost post;
    static CoapTestClient engineer;

    @BeforeAll
    static void start() throws Exception {
        post = LampPost.start("mgmt-post", data);
        engineer = CoapTestClient.withPsk(LampPost.ENGINEER);
    }

    @AfterAll
    static void stop() throws Exception {
        if (engineer != null) {
            engineer.close();
        }
        if (post != null) {
            post.close();
        }
    }

    @Test
    void healthReportsAHealthyPostWithTheLightingPluginInControl() throws Exception {
        CoapResponse health = get("/mgmt/health");
        assertThat(health.getCode()).isEqualTo(ResponseCode.CONTENT);
        assertThat(health.getOptions().getContentFormat()).isEqualTo(MediaTypeRegistry.APPLICATION_JSON);
        assertThat(health.getResponseText()).contains("\"status\":\"ok\"", "\"post\":\"mgmt-post\"",
                "\"failedComponents\":[]", "\"quarantined\":[]",
                "\"failSafe\":{\"engaged\":false,\"lightingPlugins\":[\"org.lampyris.dimming\"],\"level\":100",
                "\"heapUsedBytes\":", "\"uptimeSeconds\":");
    }

    @Test
    void aValidConfigurationChangeIsStoredAndSurvivesARestart() throws Exception {
        CoapResponse changed = put("/mgmt/config/org.lampyris.counting", "{\"history.intervals\": 12}");
        assertThat(changed.getCode()).as(changed.getResponseText()).isEqualTo(ResponseCode.CHANGED);
        assertThat(changed.getResponseText()).contains("\"history.intervals\":12");
        post.close();
        post = post.restart();
        engineer.close(); // the restarted post knows no DTLS session: shake hands anew
        engineer = CoapTestClient.withPsk(LampPost.ENGINEER);
        assertThat(get("/mgmt/config/org.lampyris.counting").getResponseText()).contains("\"history.intervals\":12");
    }

    @Test
    void aPluginAnEngineerStoppedStaysStoppedAfterARestartUntilStarted() throws Exception {
        CoapResponse stopped = post("/mgmt/bundles/org.lampyris.dimming", "stop");
        assertThat(stopped.getCode()).as(stopped.getResponseText()).isEqualTo(ResponseCode.CHANGED);
        post.close();
        post = post.restart();
        engineer.close(); // the restarted post knows no DTLS session: shake hands anew
        engineer = CoapTestClient.withPsk(LampPost.ENGINEER);
        assertThat(get("/mgmt/health").getResponseText()).as("the fail-safe holds the light after the restart")
                .contains("\"failSafe\":{\"engaged\":true").contains("\"symbolicName\":\"org.lampyris.dimming\"");
        CoapResponse started = post("/mgmt/bundles/org.lampyris.dimming", "start");
        assertThat(started.getCode()).as(started.getResponseText()).isEqualTo(ResponseCode.CHANGED);
        assertThat(get("/mgmt/health").getResponseText()).contains("\"failSafe\":{\"engaged\":false");
        assertThat(get("/light/level").getCode()).isEqualTo(ResponseCode.CONTENT);
        // the dimming plugin's own level, which takes an operator's level, not the fail-safe's read-only one
        CoapClient level = engineer.client(post.uri("/light/level"));
        CoapResponse put = level.put("40", MediaTypeRegistry.TEXT_PLAIN);
        level.shutdown();
        assertThat(put.getCode()).as(put.getResponseText()).isEqualTo(ResponseCode.CHANGED);
    }

    @Test
    void aBadConfigurationIsRefusedNamingThePropertyAndChangesNothing() throws Exception {
        String before = get("/mgmt/config/org.lampyris.failsafe").getResponseText();
        assertRefused("{\"level\": 150}", "property 'level'", "greater than maximum");
        assertRefused("{\"level\": \"bright\"}", "property 'level'", "takes a number");
        assertRefused("{\"lvl\": 50}", "unknown property 'lvl'", "level");
        assertRefused("{\"level\": 50", "invalid JSON");
        assertRefused("[50]", "JSON object");
        assertThat(get("/mgmt/config/org.lampyris.failsafe").getResponseText()).isEqualTo(before);
        assertThat(get("/light/failsafe").getResponseText()).isEqualTo("100");
    }

    @Test
    void anUnknownPidIsNotFound() throws Exception {
        CoapResponse response = get("/mgmt/config/org.example.nothing");
        assertThat(response.getCode()).isEqualTo(ResponseCode.NOT_FOUND);
        assertThat(response.getResponseText()).contains("org.example.nothing");
        assertThat(get("/mgmt/config").getResponseText()).contains("\"pid\":\"org.lampyris.dimming\"");
    }

    @Test
    void secretsAreNeitherShownNorLogged() throws Exception {
        String security = get("/mgmt/config/org.lampyris.security").getResponseText();
        assertThat(security).contains("city-engineer:engineer:(hidden)").doesNotContain("engineer-secret");
        String log = get("/mgmt/log?lines=500").getResponseText();
        assertThat(log).doesNotContain("engineer-secret").doesNotContain("operator-secret");
    }

    @Test
    void theLogShowsTheRecentLinesOfThePost() throws Exception {
        CoapResponse log = get("/mgmt/log?lines=500");
        assertThat(log.getCode()).isEqualTo(ResponseCode.CONTENT);
        assertThat(log.getResponseText()).contains("listening on coap://").contains("Dimming holds the luminaire");
        assertThat(get("/mgmt/log?lines=2").getResponseText().split("\n")).hasSize(2);
        CoapResponse bad = get("/mgmt/log?lines=lots");
        assertThat(bad.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
        assertThat(bad.getResponseText()).contains("lines=lots");
    }

    private static void assertRefused(String body, String... reasons) throws Exception {
        CoapResponse response = put("/mgmt/config/org.lampyris.failsafe", body);
        assertThat(response.getCode()).as(response.getResponseText()).isEqualTo(ResponseCode.BAD_REQUEST);
        assertThat(response.getResponseText()).contains(reasons);
    }

    private static CoapResponse get(String path) throws Exception {
        return send(path, CoapClient::get);
    }

    private static CoapResponse post(String path, String text) throws Exception {
        return send(path, c -> c.post(text, MediaTypeRegistry.TEXT_PLAIN));
    }

    private static CoapResponse put(String path, String json) throws Exception {
        return send(path, c -> c.put(json, MediaTypeRegistry.APPLICATION_JSON));
    }

    /** One request as the engineer over DTLS, on a client made for it. */
    private static CoapResponse send(String path, Call call) throws Exception {
        CoapClient client = engineer.client(post.uri(path));
        try {
            return call.on(client);
        } finally {
            client.shutdown();
        }
    }

    @FunctionalInterface
    private interface Call {
        CoapResponse on(CoapClient client) throws Exception;
    }
}
