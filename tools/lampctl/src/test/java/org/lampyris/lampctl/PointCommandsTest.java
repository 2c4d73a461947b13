package org.lampyris.lampctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reading, writing and observing a point, as an operator does it. */
class PointCommandsTest {
    static FakePost post;

    @BeforeAll
    static void start() {
        post = new FakePost("1.0.0");
    }

    @AfterAll
    static void stop() {
        post.close();
    }

    @Test
    void aWrittenValueIsReadBack() {
        Run put = Run.of("--host", post.host(), "--psk", FakePost.PSK, "put", "/light/level", "30");
        Run get = Run.of("--host", post.host(), "--psk", FakePost.PSK, "get", "/light/level");

        assertThat(put.exit()).isEqualTo(ExitCode.SUCCESS);
        assertThat(put.out()).isEqualTo("2.04 Changed\n");
        assertThat(get.out()).isEqualTo("30\n");
    }

    @Test
    void anObserverPrintsOneLinePerNotificationForTheSecondsAsked() throws Exception {
        Run.of("--host", post.host(), "--psk", FakePost.PSK, "put", "/light/level", "10");
        CompletableFuture<Run> observer = CompletableFuture.supplyAsync(() -> Run.of("--host", post.host(), "--psk",
                FakePost.PSK, "observe", "/light/level", "--seconds", "3"));
        Thread.sleep(1500);
        Run.of("--host", post.host(), "--psk", FakePost.PSK, "put", "/light/level", "55");

        Run run = observer.get();

        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.SUCCESS);
        assertThat(run.out().lines()).hasSize(2);
        assertThat(run.out().lines().toList().get(0)).matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z 10");
        assertThat(run.out().lines().toList().get(1)).endsWith("Z 55");
    }

    @Test
    void observingAPointThatIsNotThereIsARefusal() {
        Run run = Run.of("--host", post.host(), "--psk", FakePost.PSK, "observe", "/light/colour", "--seconds", "1");

        assertThat(run.exit()).isEqualTo(ExitCode.REFUSED);
        assertThat(run.err()).isEqualTo("lampctl: " + post.host() + ": GET /light/colour: 4.04 Not Found\n");
    }
}
