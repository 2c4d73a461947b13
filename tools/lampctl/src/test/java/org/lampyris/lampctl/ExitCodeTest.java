package org.lampyris.lampctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The exit status and the error line a script or an engineer sees: success, refusal (with the post's answer),
 * command-line error, unreachable; with several posts the most serious outcome.
 */
class ExitCodeTest {
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
    void anAnsweredReadExitsZeroAndPrintsWhatThePostSays() {
        Run run = Run.withEnv(Map.of("LAMPCTL_PSK", FakePost.PSK), "--host", post.host(), "bundle",
                FakePost.BSN);

        assertThat(run.exit()).isEqualTo(ExitCode.SUCCESS);
        assertThat(run.exit().status()).isZero();
        assertThat(run.out()).contains("version: 1.0.0");
    }

    @Test
    void aRefusalExitsOneNamingThePostTheRequestAndTheAnswer() {
        Run run = Run.of("--host", post.host(), "--psk", FakePost.PSK, "bundle", "org.example.absent");

        assertThat(run.exit()).isEqualTo(ExitCode.REFUSED);
        assertThat(run.exit().status()).isEqualTo(1);
        assertThat(run.err()).startsWith("lampctl: " + post.host() + ": GET /mgmt/bundles/org.example.absent: "
                + "4.04 Not Found");
    }

    @Test
    void aHealthyPostExitsZeroAndADegradedOneExitsOneSayingWhy() {
        try {
            Run healthy = Run.of("--host", post.host(), "--psk", FakePost.PSK, "health");
            assertThat(healthy.exit()).isEqualTo(ExitCode.SUCCESS);
            assertThat(healthy.out()).contains("\"status\":\"ok\"");

            post.health = "{\"status\":\"degraded\",\"development\":{\"active\":true,\"reason\":\"started with "
                    + "--dev\"},\"bundles\":{\"installed\":30,\"notActive\":[]},\"failedComponents\":[],"
                    + "\"quarantined\":[{\"bundle\":\"vendor.flaky\",\"reason\":\"5 failures in a row\"}]}";
            Run degraded = Run.of("--host", post.host(), "--psk", FakePost.PSK, "health");

            assertThat(degraded.exit()).isEqualTo(ExitCode.REFUSED);
            assertThat(degraded.out()).as("the report itself, development included").contains("\"degraded\"")
                    .contains("started with --dev");
            assertThat(degraded.err()).isEqualTo("lampctl: " + post.host() + ": GET /mgmt/health: degraded: "
                    + "quarantined [{\"bundle\":\"vendor.flaky\",\"reason\":\"5 failures in a row\"}]\n");

            post.health = "{\"status\":\"degraded\",\"links\":[{\"name\":\"ocpp\",\"state\":\"down\","
                    + "\"lastError\":\"java.net.ConnectException\",\"queued\":4,\"dropped\":0}]}";
            Run csmsAway = Run.of("--host", post.host(), "--psk", FakePost.PSK, "health");

            assertThat(csmsAway.exit()).as("a CSMS outage with messages waiting").isEqualTo(ExitCode.REFUSED);
            assertThat(csmsAway.err()).isEqualTo("lampctl: " + post.host() + ": GET /mgmt/health: degraded: "
                    + "link ocpp down with 4 messages queued (java.net.ConnectException)\n");
        } finally {
            post.health = "{\"status\":\"ok\"}";
        }
    }

    @Test
    void aCommandLineErrorExitsTwoAndSendsNothing() {
        Run run = Run.of("--host", post.host(), "--psk", FakePost.PSK, "frobnicate");

        assertThat(run.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(run.exit().status()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("lampctl: unknown command frobnicate (see lampctl --help)\n");
    }

    @Test
    void aPostNobodyAnswersForExitsThreeAfterTheTimeout() throws Exception {
        String nobody = "127.0.0.1:" + RolloutTest.freePort();
        long start = System.nanoTime();

        Run run = Run.of("--host", nobody, "--psk", FakePost.PSK, "--timeout", "1", "health");

        assertThat(run.exit()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(run.exit().status()).isEqualTo(3);
        assertThat(run.err()).isEqualTo("lampctl: " + nobody + ": GET /mgmt/health: no answer within 1 s "
                + "(unreachable; no DTLS session was made: no post at this address, or it does not accept these "
                + "credentials)\n");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5000);
    }

    @Test
    void aHostNameThatDoesNotResolveIsUnreachableAndExitsThree() {
        Run run = Run.of("--host", "no-such-post.invalid", "--psk", FakePost.PSK, "--timeout", "1", "health");

        assertThat(run.exit()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(run.err()).isEqualTo("lampctl: no-such-post.invalid:5684: GET /mgmt/health: cannot resolve host "
                + "name: no-such-post.invalid\n");
    }

    @Test
    void aWrongPreSharedKeyIsAFailedHandshakeAndExitsThree() {
        Run run = Run.of("--host", post.host(), "--psk", "city-engineer:wrong-secret", "--timeout", "3", "bundle",
                FakePost.BSN);

        assertThat(run.exit()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(run.err()).isEqualTo("lampctl: " + post.host() + ": GET /mgmt/bundles/" + FakePost.BSN + ": "
                + "no answer within 3 s (unreachable; no DTLS session was made: no post at this address, or it does "
                + "not accept these credentials)\n");
    }

    @Test
    void withSeveralPostsEachIsAskedAndTheMostSeriousOutcomeIsTheExitStatus() throws Exception {
        String nobody = "127.0.0.1:" + RolloutTest.freePort();

        Run run = Run.of("--host", post.host(), "--host", nobody, "--psk", FakePost.PSK, "--timeout", "1",
                "bundle", FakePost.BSN);

        assertThat(run.exit()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(run.out()).contains("# " + post.host(), "version: 1.0.0", "# " + nobody);
        assertThat(ExitCode.REFUSED.worst(ExitCode.UNREACHABLE)).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(ExitCode.UNREACHABLE.worst(ExitCode.REFUSED)).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(ExitCode.SUCCESS.worst(ExitCode.REFUSED)).isEqualTo(ExitCode.REFUSED);
    }

    @Test
    void helpExitsZeroAndListsEveryCommand() {
        Run run = Run.of("--help");

        assertThat(run.exit()).isEqualTo(ExitCode.SUCCESS);
        List.of("discover", "get", "put", "observe", "bundles", "bundle", "install", "update", "rollback", "start",
                "stop", "uninstall", "config", "health", "log", "rollout")
                .forEach(c -> assertThat(run.out()).contains(" " + c + " "));
        assertThat(run.out()).contains("Exit status");
    }
}
