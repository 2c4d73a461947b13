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
import org.lampyris.testkit.Await;
import org.lampyris.testkit.CoapTestClient;

/**
 * Observers of the light and an operator writing the level at the same time, on a post whose clock runs 600 times
 * faster than real time so that the dimmer, the luminaire and the plugins change values as often as they ever will:
 * every write is answered 2.04 and every notification carries a value, never a 5.03 from a plugin call that waited
 * on a notification in progress.
 */
class ObserveUnderLoadTest {
    private static final int OBSERVERS_PER_POINT = 4;
    private static final int WRITES = 60;

    @TempDir
    Path data;

    @Test
    void writesAndNotificationsInterleaveWithoutServerErrors() throws Exception {
        try (LampPost post = LampPost.start("busy-post", data, "--clock-speed", "600");
                CoapTestClient coap = CoapTestClient.withPsk(LampPost.ENGINEER)) {
            List<CoapResponse> notifications = new CopyOnWriteArrayList<>();
            List<CoapClient> clients = new ArrayList<>();
            List<CoapObserveRelation> relations = new ArrayList<>();
            try {
                for (String path : List.of("/light/level", "/light/power", "/light/energy")) {
                    for (int i = 0; i < OBSERVERS_PER_POINT; i++) {
                        CoapClient client = coap.client(post.uri(path));
                        clients.add(client);
                        relations.add(client.observeAndWait(CoapTestClient.collecting(notifications::add)));
                    }
                }
                CoapClient writer = coap.client(post.uri("/light/level"));
                clients.add(writer);
                for (int i = 0; i < WRITES; i++) {
                    String level = Integer.toString(10 + (i % 9) * 10);
                    CoapResponse r = writer.put(level, MediaTypeRegistry.TEXT_PLAIN);
                    assertThat(r).as("an answer to write %d", i).isNotNull();
                    assertThat(r.getCode()).as("write %d: %s", i, r.getResponseText()).isEqualTo(ResponseCode.CHANGED);
                }
                String last = Integer.toString(10 + ((WRITES - 1) % 9) * 10);
                Await.until("the level's observers hear the last write, " + last,
                        () -> notifications.stream().anyMatch(n -> last.equals(n.getResponseText())));
                assertThat(notifications).allSatisfy(n -> assertThat(n.getCode()).as(n.getResponseText())
                        .isEqualTo(ResponseCode.CONTENT));
                assertThat(post.log()).doesNotContain("did not read in time");
            } finally {
                relations.forEach(CoapObserveRelation::proactiveCancel);
                clients.forEach(CoapClient::shutdown);
            }
        }
    }
}
