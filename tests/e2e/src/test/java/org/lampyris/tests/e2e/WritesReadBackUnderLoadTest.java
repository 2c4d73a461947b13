package org.lampyris.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapObserveRelation;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lampyris.testkit.CoapTestClient;

/**
 * GETs of an observable point are answered from the value its plugin last reported, not by calling the plugin: on a
 * post whose clock runs 600 times faster than real time, with observers of the light, an operator who writes the
 * level reads back what he wrote at once, point by point and in the collection, although the luminaire reports the
 * change from a thread of its own; every answer and every notification is a success.
 */
class WritesReadBackUnderLoadTest {
    private static final int OBSERVERS_PER_POINT = 3;
    private static final int WRITES = 40;

    @TempDir
    Path data;

    @Test
    void anOperatorReadsBackEachLevelHeWroteWhileObserversAreNotified() throws Exception {
        try (LampPost post = LampPost.start("read-back-post", data, "--clock-speed", "600");
                CoapTestClient coap = CoapTestClient.withPsk(LampPost.ENGINEER)) {
            List<CoapResponse> notifications = new CopyOnWriteArrayList<>();
            List<CoapClient> clients = new ArrayList<>();
            List<CoapObserveRelation> relations = new ArrayList<>();
            try {
                for (String path : List.of("/light/level", "/light/power")) {
                    for (int i = 0; i < OBSERVERS_PER_POINT; i++) {
                        CoapClient client = coap.client(post.uri(path));
                        clients.add(client);
                        relations.add(client.observeAndWait(CoapTestClient.collecting(notifications::add)));
                    }
                }
                CoapClient level = coap.client(post.uri("/light/level"));
                CoapClient light = coap.client(post.uri("/light"));
                clients.add(level);
                clients.add(light);
                for (int i = 0; i < WRITES; i++) {
                    String written = Integer.toString(5 + (i * 37) % 95);
                    CoapResponse put = level.put(written, MediaTypeRegistry.TEXT_PLAIN);
                    assertThat(put).as("an answer to write %d", i).isNotNull();
                    assertThat(put.getCode()).as("write %d: %s", i, put.getResponseText())
                            .isEqualTo(ResponseCode.CHANGED);
                    CoapResponse read = level.get();
                    assertThat(read.getCode()).isEqualTo(ResponseCode.CONTENT);
                    assertThat(read.getResponseText()).as("the level read back after writing %s", written)
                            .isEqualTo(written);
                    CoapResponse pack = light.get(MediaTypeRegistry.APPLICATION_SENML_JSON);
                    assertThat(pack.getCode()).isEqualTo(ResponseCode.CONTENT);
                    assertThat(pack.getResponseText())
                            .containsPattern("\"n\":\"light/level\",\"u\":\"%\",\"v\":" + written + "[,}]");
                }
                assertThat(notifications).isNotEmpty().allSatisfy(n -> assertThat(n.getCode())
                        .as(n.getResponseText()).isEqualTo(ResponseCode.CONTENT));
                assertThat(post.log()).doesNotContain("did not read in time").doesNotContain("Answering GET");
            } finally {
                relations.forEach(CoapObserveRelation::proactiveCancel);
                clients.forEach(CoapClient::shutdown);
            }
        }
    }
}
