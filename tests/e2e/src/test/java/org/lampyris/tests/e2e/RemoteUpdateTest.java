package org.lampyris.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lampyris.internal.json.Json;
import org.lampyris.testkit.CoapTestClient;

/**
 * An engineer updates the dimming plugin of a running post over CoAP (a block-wise PUT of a signed JAR to
 * /mgmt/bundles/org.lampyris.dimming) while an integrator keeps reading air-quality points: not one read fails, the
 * new version commits and survives a restart, and a bad upload is refused with its reason.
 */
class RemoteUpdateTest {
    private static final String DIMMING = "org.lampyris.dimming";

    @TempDir
    Path dir;

    @Test
    void theDimmingPluginIsUpdatedWhileAnotherClientReadsAirQualityWithoutASingleFailure() throws Exception {
        byte[] release = SignedJars.release(SignedJars.baseJar(DIMMING), "0.9.0");
        byte[] unsigned = Files.readAllBytes(SignedJars.baseJar(DIMMING));
        LampPost post = LampPost.start("update-1", dir.resolve("data"));
        try (CoapTestClient engineer = CoapTestClient.withPsk(LampPost.ENGINEER);
                CoapTestClient integrator = CoapTestClient.withPsk(LampPost.READER)) {
            AtomicBoolean reading = new AtomicBoolean(true);
            AtomicInteger reads = new AtomicInteger();
            List<String> failures = new CopyOnWriteArrayList<>();
            Thread reader = new Thread(() -> {
                CoapClient client = integrator.client(post.uri("/air/pm25"));
                while (reading.get()) {
                    try {
                        CoapResponse r = client.get();
                        if (r == null || r.getCode() != ResponseCode.CONTENT) {
                            failures.add(r == null ? "no answer" : r.getCode() + " " + r.getResponseText());
                        }
                    } catch (Exception e) {
                        failures.add(e.toString());
                    }
                    reads.incrementAndGet();
                }
                client.shutdown();
            }, "integrator");
            reader.start();

            CoapResponse refused = put(engineer, post, unsigned);
            assertThat(refused.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
            assertThat(refused.getResponseText()).startsWith("not signed");

            CoapResponse updated = put(engineer, post, release);
            reading.set(false);
            reader.join(15_000);
            assertThat(updated.getCode()).as(updated.getResponseText()).isEqualTo(ResponseCode.CHANGED);
            assertThat(reads.get()).as("air-quality reads during the update").isGreaterThan(10);
            assertThat(failures).as("failed air-quality reads").isEmpty();
            assertThat(describe(engineer, post)).containsEntry("version", "0.9.0").containsEntry("state", "ACTIVE")
                    .containsEntry("signer", "Lampyris development signer");

            CoapClient list = engineer.client(post.uri("/mgmt/bundles"));
            CoapResponse all = list.get();
            list.shutdown();
            assertThat(all.getCode()).isEqualTo(ResponseCode.CONTENT);
            assertThat((List<?>) Json.parse(all.getPayload())).as("every bundle, sent block-wise")
                    .hasSizeGreaterThan(20)
                    .anySatisfy(b -> assertThat(b.toString()).contains("symbolicName=" + DIMMING, "version=0.9.0",
                            "signer=Lampyris development signer"))
                    .anySatisfy(b -> assertThat(b.toString()).contains("symbolicName=org.lampyris.coap",
                            "signer=null", "state=ACTIVE"));
        }
        post.close();
        LampPost again = post.restart();
        try (CoapTestClient engineer = CoapTestClient.withPsk(LampPost.ENGINEER)) {
            assertThat(describe(engineer, again)).as("the base set does not put 0.1.0 back")
                    .containsEntry("version", "0.9.0").containsEntry("state", "ACTIVE");
            assertThat(engineer.client(again.uri("/light/level")).get().getCode()).isEqualTo(ResponseCode.CONTENT);
        } finally {
            again.close();
        }
    }

    static CoapResponse put(CoapTestClient engineer, LampPost post, byte[] jar) throws Exception {
        CoapClient client = engineer.client(post.uri("/mgmt/bundles/" + DIMMING));
        client.setTimeout(60_000L);
        try {
            return client.put(jar, MediaTypeRegistry.APPLICATION_OCTET_STREAM);
        } finally {
            client.shutdown();
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> describe(CoapTestClient engineer, LampPost post) throws Exception {
        CoapClient client = engineer.client(post.uri("/mgmt/bundles/" + DIMMING));
        try {
            CoapResponse r = client.get();
            assertThat(r.getCode()).as(r.getResponseText()).isEqualTo(ResponseCode.CONTENT);
            return (Map<String, Object>) Json.parse(r.getPayload());
        } finally {
            client.shutdown();
        }
    }
}
