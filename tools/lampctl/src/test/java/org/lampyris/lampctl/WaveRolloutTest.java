package org.lampyris.lampctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lampyris.testkit.TestJar;

/**
 * Rollouts in waves against in-process posts over DTLS: the canary, then growing waves in parallel, a stop once the
 * failures exceed the budget, a plan printed without sending anything, and the same command run again continuing
 * where it stopped without sending the bundle twice to any post.
 */
class WaveRolloutTest {
    @TempDir
    Path dir;
    private final List<FakePost> posts = new ArrayList<>();

    @AfterEach
    void stop() {
        posts.forEach(FakePost::close);
    }

    private Path street(int n) throws IOException {
        StringBuilder hosts = new StringBuilder("# a street, canary first\n");
        for (int i = 0; i < n; i++) {
            FakePost post = new FakePost("1.0.0");
            posts.add(post);
            hosts.append(post.host()).append('\n');
        }
        return Files.writeString(dir.resolve("street.txt"), hosts);
    }

    private Path bundle(String version) throws IOException {
        byte[] content = new byte[2000];
        new Random(3).nextBytes(content);
        return TestJar.bundle(FakePost.BSN, version).entry("content.bin", content)
                .writeTo(dir.resolve(FakePost.BSN + "-" + version + ".jar"));
    }

    @Test
    void theRolloutStopsAfterTheWaveWhereAPostRefusedAndTheSameCommandFinishesTheRestWithoutSendingTwice()
            throws Exception {
        Path hosts = street(6);
        posts.get(2).refuse = true; // in the second wave, with posts 2 and 4
        Path jar = bundle("1.1.0");
        String[] command = { "--hosts", hosts.toString(), "--psk", FakePost.PSK, "--timeout", "5", "rollout",
            jar.toString(), "--waves", "1,3", "--state", dir.resolve("elm.state").toString() };

        Run first = Run.of(command);

        assertThat(first.exit()).isEqualTo(ExitCode.REFUSED);
        assertThat(posts.get(0).updatesReceived).hasSize(1);
        assertThat(posts.get(1).updatesReceived).hasSize(1);
        assertThat(posts.get(3).updatesReceived).hasSize(1);
        assertThat(posts.get(0).updatesReceived.get(0)).isLessThan(posts.get(1).updatesReceived.get(0));
        assertThat(posts.get(4).updatesReceived).isEmpty();
        assertThat(posts.get(5).updatesReceived).isEmpty();
        assertThat(first.err()).contains("wave 1 of 3 (canary): 1 post", "wave 2 of 3: 3 posts",
                "rollout stopped at " + posts.get(2).host() + "; 2 posts not attempted (1 failed, budget 0)",
                "progress: 4/6 posts done, 1 failed (wave 2 of 3)");
        assertThat(first.out().lines().map(l -> l.replaceAll(" +", " "))).containsExactly(
                "host " + FakePost.BSN + " rollout", posts.get(0).host() + " 1.1.0 updated",
                posts.get(1).host() + " 1.1.0 updated", posts.get(2).host() + " 1.0.0 refused, 4.09 Conflict",
                posts.get(3).host() + " 1.1.0 updated", posts.get(4).host() + " 1.0.0 not attempted",
                posts.get(5).host() + " 1.0.0 not attempted");

        Run again = Run.of(command);

        assertThat(again.exit()).as(again.err()).isEqualTo(ExitCode.REFUSED); // the refusing post still lags
        for (int i : new int[] { 0, 1, 2, 3 }) {
            assertThat(posts.get(i).updatesReceived).as("post " + i + " is not sent the bundle again").hasSize(1);
        }
        assertThat(posts.get(4).updatesReceived).hasSize(1);
        assertThat(posts.get(5).updatesReceived).hasSize(1);
        assertThat(again.err()).contains(posts.get(0).host() + ": updated in an earlier run; left alone",
                posts.get(2).host() + ": refused, 4.09 Conflict in an earlier run; left alone")
                .doesNotContain("rollout stopped");
        assertThat(again.out().lines().map(l -> l.replaceAll(" +", " "))).contains(
                posts.get(4).host() + " 1.1.0 updated", posts.get(5).host() + " 1.1.0 updated");

        Run retry = Run.of(concat(command, "--retry-failed"));
        assertThat(retry.exit()).isEqualTo(ExitCode.REFUSED);
        assertThat(posts.get(2).updatesReceived).as("asked for again explicitly").hasSize(2);
        assertThat(posts.get(0).updatesReceived).hasSize(1);
    }

    @Test
    void aBudgetOfOneFailureLetsTheRolloutGoOnPastOneRefusal() throws Exception {
        Path hosts = street(4);
        posts.get(1).refuse = true;
        Path jar = bundle("1.1.0");

        Run run = Run.of("--hosts", hosts.toString(), "--psk", FakePost.PSK, "rollout", jar.toString(),
                "--max-failures", "1", "--state", dir.resolve("s.state").toString(), "--parallel", "2");

        assertThat(run.exit()).isEqualTo(ExitCode.REFUSED);
        assertThat(posts.get(2).updatesReceived).hasSize(1);
        assertThat(posts.get(3).updatesReceived).hasSize(1);
        assertThat(run.err()).doesNotContain("rollout stopped");
    }

    @Test
    void withoutStateFileTheSameCommandFindsItsStateAgainAndAnotherJarIsAnotherRollout() throws Exception {
        Path hosts = street(2);
        Path jar = bundle("1.1.0");
        String[] command = { "--hosts", hosts.toString(), "--psk", FakePost.PSK, "rollout", jar.toString() };

        assertThat(Run.of(command).exit()).isEqualTo(ExitCode.SUCCESS);
        Run again = Run.of(command);

        assertThat(again.exit()).isEqualTo(ExitCode.SUCCESS);
        assertThat(again.err()).contains(posts.get(0).host() + ": updated in an earlier run; left alone",
                "state " + Path.of("target/lampctl-state/lampctl/rollouts").toAbsolutePath());
        posts.forEach(p -> assertThat(p.updatesReceived).hasSize(1));
        Run next = Run.of("--hosts", hosts.toString(), "--psk", FakePost.PSK, "rollout", bundle("1.2.0").toString());
        assertThat(next.exit()).isEqualTo(ExitCode.SUCCESS);
        posts.forEach(p -> assertThat(p.updatesReceived).hasSize(2));
    }

    @Test
    void aDryRunPrintsTheWavesAndSendsNothing() throws Exception {
        Path hosts = street(3);
        Path jar = bundle("1.1.0");

        Run run = Run.of("--hosts", hosts.toString(), "--psk", FakePost.PSK, "rollout", jar.toString(), "--dry-run",
                "--state", dir.resolve("d.state").toString());

        assertThat(run.exit()).isEqualTo(ExitCode.SUCCESS);
        assertThat(run.out()).contains("in 3 waves (1,5%,25%)", "wave 1 (canary): 1 post",
                "  " + posts.get(0).host(), "wave 3: 1 post");
        posts.forEach(p -> assertThat(p.updatesReceived).isEmpty());
        assertThat(dir.resolve("d.state")).doesNotExist();
    }

    @Test
    void thirtyPostsGoInWavesOfOneTwoEightAndNineteen() {
        List<HostAddress> hosts = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            hosts.add(new HostAddress(true, "10.0.0." + i, 5684));
        }
        assertThat(WavePlan.parse(WavePlan.DEFAULT).cut(hosts).stream().map(List::size))
                .containsExactly(1, 2, 8, 19);
        assertThat(WavePlan.parse("1").cut(hosts).stream().map(List::size)).containsExactly(1, 29);
    }

    @Test
    void badWavesAndBudgetsAreRefusedNamingTheValue() throws Exception {
        Path hosts = street(1);
        Path jar = bundle("1.1.0");
        Run waves = Run.of("--hosts", hosts.toString(), "--psk", FakePost.PSK, "rollout", jar.toString(),
                "--waves", "1,0%");
        assertThat(waves.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(waves.err()).contains("--waves", "'0%'");
        Run budget = Run.of("--hosts", hosts.toString(), "--psk", FakePost.PSK, "rollout", jar.toString(),
                "--max-failures", "many");
        assertThat(budget.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(budget.err()).contains("--max-failures");
        assertThat(posts.get(0).updatesReceived).isEmpty();
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
