package org.lampyris.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lampyris.internal.json.Json;
import org.lampyris.testkit.Await;
import org.lampyris.testkit.CoapTestClient;

/**
 * Connections a client closed stay in the DTLS connection store until they are stale, so a store too small for the
 * peers that come and go fills up, and then the handshake of a new peer is dropped. The post says so in its log and in
 * its health, instead of dropping it silently.
 */
class DtlsConnectionStoreTest {
    @TempDir
    Path data;

    @Test
    void aFullConnectionStoreIsLoggedAndCountedInHealthWhileItsClientsKeepBeingAnswered() throws Exception {
        try (LampPost post = LampPost.start("churn-post", data)) {
            assertThat(post.log()).contains("DTLS connection store: 300 connections (dtls.handshakes.per.s 0.5");
            try (CoapTestClient engineer = CoapTestClient.withPsk(LampPost.ENGINEER)) {
                CoapClient config = engineer.client(post.uri("/mgmt/config/org.lampyris.security"));
                CoapResponse changed = config.put("{\"dtls.max.connections\": 3}", MediaTypeRegistry.APPLICATION_JSON);
                assertThat(changed.getCode()).as(changed.getResponseText()).isEqualTo(ResponseCode.CHANGED);
                config.shutdown();
            }
            Await.until("the endpoint restarts with a store of 3", Duration.ofSeconds(30),
                    () -> post.log().contains("DTLS connection store: 3 connections (dtls.max.connections)"));

            List<CoapTestClient> clients = new ArrayList<>();
            try {
                CoapTestClient engineer = CoapTestClient.withPsk(LampPost.ENGINEER);
                clients.add(engineer);
                Await.until("the engineer is answered", Duration.ofSeconds(30),
                        () -> answered(engineer, post.uri("/mgmt/health")));
                for (int i = 0; i < 2; i++) {
                    CoapTestClient reader = CoapTestClient.withPsk(LampPost.READER);
                    clients.add(reader);
                    assertThat(reader.get(post.uri("/light/level")).getCode()).isEqualTo(ResponseCode.CONTENT);
                }
                CoapTestClient fourth = CoapTestClient.builder().psk(LampPost.READER).timeout(Duration.ofSeconds(3))
                        .build();
                clients.add(fourth);
                assertThat(answered(fourth, post.uri("/light/level"))).as("a fourth peer, with the store full")
                        .isFalse();
                Await.until("the full store is logged", () -> post.log().contains(
                        "DTLS connection store full: 3 connections, none idle for 600 s yet, so the handshake of a new "
                                + "peer from 127.0.0.1 was dropped"));

                CoapResponse health = engineer.get(post.uri("/mgmt/health"));
                assertThat(health.getCode()).as("the engineer, connected before, is answered")
                        .isEqualTo(ResponseCode.CONTENT);
                Map<String, Object> dtls = dtls(health);
                assertThat(dtls).containsEntry("connections", 3L).containsEntry("capacity", 3L)
                        .containsEntry("staleThresholdSeconds", 600L);
                assertThat((Long) dtls.get("timesFull")).isPositive();
                assertThat(dtls.get("lastFull")).isNotNull();
            } finally {
                for (CoapTestClient client : clients) {
                    client.close();
                }
            }
        }
    }

    private static boolean answered(CoapTestClient client, String uri) {
        try {
            CoapResponse response = client.get(uri);
            return response != null && response.isSuccess();
        } catch (IllegalStateException handshakeFailed) {
            return false;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> dtls(CoapResponse health) throws Exception {
        return (Map<String, Object>) ((Map<String, Object>) Json.parse(health.getPayload())).get("dtls");
    }
}
