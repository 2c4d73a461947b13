package org.lampyris.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lampyris.testkit.Await;
import org.lampyris.testkit.CoapTestClient;

/**
 * A city that wants no plain CoAP at all turns it off by configuration: the post then answers over DTLS only, also
 * after a restart, and says so in its log.
 */
class PlainCoapOffTest {
    @TempDir
    Path data;

    @Test
    void plainCoapTurnedOffAnswersNothingWhileDtlsKeepsAnswering() throws Exception {
        LampPost post = LampPost.start("dark-post", data);
        try {
            assertThat(answer(post.plainUri("/light/level"))).as("plain CoAP is read-only by default")
                    .isEqualTo(ResponseCode.CONTENT);
            try (CoapTestClient engineer = CoapTestClient.withPsk(LampPost.ENGINEER)) {
                CoapClient client = engineer.client(post.uri("/mgmt/config/org.lampyris.security"));
                CoapResponse refused = client.put("{\"plain.coap\": \"on\"}", MediaTypeRegistry.APPLICATION_JSON);
                assertThat(refused.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
                assertThat(refused.getResponseText()).contains("plain.coap").contains("read-only, off");
                client.put("{\"plain.coap\": \"off\"}", MediaTypeRegistry.APPLICATION_JSON);
                client.shutdown();
            }
            awaitNoAnswer(post.plainUri("/light/level"));
            assertThat(answer(post.uri("/light/level"))).isEqualTo(ResponseCode.CONTENT);

            post.close();
            post = post.restart();
            assertThat(post.log()).contains(" listening on coaps://").doesNotContain("listening on coap://");
            assertThat(answer(post.plainUri("/light/level"))).as("still off after a restart").isNull();
            assertThat(answer(post.uri("/light/level"))).isEqualTo(ResponseCode.CONTENT);
        } finally {
            post.close();
        }
    }

    /** @return the code of the answer, with a fresh DTLS session, or null when none came within two seconds */
    private static ResponseCode answer(String uri) throws Exception {
        try (CoapTestClient coap = CoapTestClient.withPsk(LampPost.READER)) {
            CoapClient client = coap.client(uri);
            client.setTimeout(2_000L);
            try {
                CoapResponse response = client.get();
                return response == null ? null : response.getCode();
            } finally {
                client.shutdown();
            }
        }
    }

    private static void awaitNoAnswer(String uri) throws Exception {
        Await.until(uri + " answers no more", Duration.ofSeconds(5), () -> answer(uri) == null);
    }
}
