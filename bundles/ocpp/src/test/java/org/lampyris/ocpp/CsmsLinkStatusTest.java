package org.lampyris.ocpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lampyris.api.health.LinkStatus;

/** What health shows of the OCPP link while the CSMS cannot be reached: down, why, and what waits for it. */
class CsmsLinkStatusTest {
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() throws Exception {
        executor.submit(() -> null).get(); // let a connect in flight hand over before the thread goes
        executor.shutdownNow();
    }

    @Test
    void aCsmsOutOfReachShowsTheLinkDownWithTheReasonAndItsQueueNeedsAttention() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        CsmsUrl url = CsmsUrl.parse("ws://127.0.0.1:" + closedPort + "/ocpp/LAMPPOST-1", true);
        CsmsLink link = new CsmsLink(executor, HttpClient.newHttpClient(), url,
                TestConfig.of(Map.of("reconnect_min_s", 60, "call_timeout_s", 2)), () -> 0, () -> "test");
        executor.execute(() -> link.start(new CsmsLink.Listener() {
            @Override
            public void opened() {
            }

            @Override
            public void received(String text) {
            }

            @Override
            public void lost() {
            }
        }));
        LinkStatus status = null;
        for (int i = 0; i < 100; i++) { // a refused connection on loopback fails at once; bounded
            status = executor.submit(() -> link.status(3, 1, Map.of("registration", "None"))).get();
            if (status.lastError() != null) {
                break;
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        assertThat(status.state()).isEqualTo(LinkStatus.State.DOWN);
        assertThat(status.lastError()).as("why").contains("Connect");
        assertThat(status.lastErrorAt()).isNotNull();
        assertThat(status.peer()).isEqualTo("ws://127.0.0.1:" + closedPort + "/ocpp/LAMPPOST-1");
        assertThat(status.details()).containsEntry("registration", "None");
        assertThat(status.needsAttention()).as("down with 3 messages waiting").isTrue();
        assertThat(new LinkStatus("ocpp", "ws://x", LinkStatus.State.DOWN, status.since(), null, null, 0, 0,
                Map.of()).needsAttention()).as("down with nothing waiting").isFalse();
        executor.submit(link::close).get();
    }
}
