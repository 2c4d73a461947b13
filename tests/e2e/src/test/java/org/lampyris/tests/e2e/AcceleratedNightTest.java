package org.lampyris.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapObserveRelation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lampyris.testkit.Await;
import org.lampyris.testkit.CoapTestClient;

/**
 * A winter evening in Amsterdam at 1800 times real time: an observer of the light level sees it off by day, on at
 * dusk and dimmed by the night profile after 22:00 local time, within seconds.
 */
class AcceleratedNightTest {

    @TempDir
    Path data;

    @Test
    void theLightFollowsDuskAndTheNightProfile() throws Exception {
        // 12:00 local time on 21 December; sunset is at 16:29, the profile dims to 50 % at 22:00. The 4.5 h to
        // sunset take 9 s, so that a slow boot on a busy machine still finds the lamp off.
        try (LampPost post = LampPost.start("night-post", data, "--clock-speed", "1800", "--clock-start",
                "2026-12-21T11:00:00Z"); CoapTestClient coap = CoapTestClient.withPsk(LampPost.ENGINEER)) {
            List<String> levels = new CopyOnWriteArrayList<>();
            CoapClient client = coap.client(post.uri("/light/level"));
            CoapObserveRelation relation = client.observeAndWait(CoapTestClient.collecting(r -> levels.add(r
                    .getResponseText())));
            try {
                // 10 h of post time take 20 s
                Await.until("the observer hears the lamp off, on at dusk and dimmed at night", Duration.ofSeconds(60),
                        () -> List.copyOf(levels), seen -> inOrder(seen, "0", "100", "50"));
            } finally {
                relation.proactiveCancel();
                client.shutdown();
            }
            assertThat(post.log()).contains("Simulated clock starts at 2026-12-21T11:00:00Z");
        }
    }

    /** @return whether the values occur in this order, with anything in between */
    private static boolean inOrder(List<String> seen, String... values) {
        int next = 0;
        for (String s : seen) {
            if (next < values.length && s.equals(values[next])) {
                next++;
            }
        }
        return next == values.length;
    }
}
