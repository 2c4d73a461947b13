package org.lampyris.lampctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lampyris.testkit.TestJar;

/**
 * Canary rollouts against three in-process posts over DTLS: the canary first, the others one by one, a stop at the
 * first refusal or unreachable post with the rest untouched, and a table of which post runs which version.
 */
class RolloutTest {
    @TempDir
    Path dir;
    private FakePost first;
    private FakePost second;
    private FakePost third;

    /**
     * A bundle with random (incompressible) content, so that its upload takes several blocks; its symbolic name
     * carries a directive, which lampctl leaves out when it names the bundle.
     */
    private Path bundle(String version, int contentBytes) throws IOException {
        byte[] content = new byte[contentBytes];
        new Random(7).nextBytes(content);
        return TestJar.bundle(FakePost.BSN + ";singleton:=true", version).entry("content.bin", content)
                .writeTo(dir.resolve(FakePost.BSN + "-" + version + ".jar"));
    }

    @AfterEach
    void stop() {
        for (FakePost p : new FakePost[] { first, second, third }) {
            if (p != null) {
                p.close();
            }
        }
    }

    @Test
    void aRolloutUpdatesTheCanaryFirstThenStopsWhereThePostRefusesLeavingTheRestUntouched() throws Exception {
        first = new FakePost("1.0.0");
        second = new FakePost("2.0.0");
        second.refuse = true;
        third = new FakePost("1.0.0");
        Path jar = bundle("1.1.0", 5000);
        Path hosts = hostsFile("# Elm Street\n" + first.host() + "   # canary\n\n" + second.host() + "\n"
                + third.host() + "\n");

        Run run = Run.of("--hosts", hosts.toString(), "--psk", FakePost.PSK, "--timeout", "5", "rollout",
                jar.toString());

        assertThat(run.exit()).isEqualTo(ExitCode.REFUSED);
        assertThat(first.bytesReceived).containsExactly((int) Files.size(jar));
        assertThat(second.updatesReceived).hasSize(1);
        assertThat(first.updatesReceived.get(0)).isLessThan(second.updatesReceived.get(0));
        assertThat(third.updatesReceived).isEmpty();
        assertThat(run.err()).contains("lampctl: " + second.host() + ": PUT /mgmt/bundles/org.example.lamp: "
                + "4.09 Conflict: version 1.1.0 is lower than installed 2.0.0")
                .contains("rollout stopped at " + second.host() + "; 1 post not attempted");
        assertThat(run.out().lines()).containsExactly(
                "host" + pad(first.host(), "host") + "org.example.lamp  rollout",
                first.host() + "  1.1.0             updated",
                second.host() + "  2.0.0             refused, 4.09 Conflict",
                third.host() + "  1.0.0             not attempted");
    }

    @Test
    void anUploadShowsTheBytesThePostAcknowledgedBlockByBlock() throws Exception {
        first = new FakePost("1.0.0");
        Path jar = bundle("1.1.0", 5000);
        long size = Files.size(jar);

        Run run = Run.of("--host", first.host(), "--psk", FakePost.PSK, "update", jar.toString());

        assertThat(run.exit()).isEqualTo(ExitCode.SUCCESS);
        String label = first.host() + ": PUT /mgmt/bundles/org.example.lamp " + jar.getFileName() + ": ";
        assertThat(run.err()).contains(label + "1024/" + size + " bytes (")
                .contains(label + "2048/" + size + " bytes (")
                .contains(label + size + "/" + size + " bytes (100%)");
        assertThat(run.out()).contains(first.host() + ": updated org.example.lamp to 1.1.0: committed (1.0.0 -> 1.1.0)");
    }

    @Test
    void aPostThatAcknowledgesAndAppliesLongerThanTheTimeoutIsWaitedFor() throws Exception {
        first = new FakePost("1.0.0");
        first.applyMillis = 2500;
        second = new FakePost("1.0.0");
        Path jar = bundle("1.1.0", 3000);

        Run run = Run.of("--host", first.host(), "--host", second.host(), "--psk", FakePost.PSK, "--timeout", "1",
                "rollout", jar.toString());

        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.SUCCESS);
        assertThat(first.queries).containsExactly("");
        assertThat(run.err()).contains(first.host() + ": PUT /mgmt/bundles/org.example.lamp "
                + jar.getFileName() + ": received; waiting for the post to apply it");
        assertThat(run.out().lines()).contains(first.host() + "  1.1.0             updated",
                second.host() + "  1.1.0             updated");
    }

    @Test
    void aRollbackIsAskedForExplicitly() throws Exception {
        first = new FakePost("2.0.0");
        Path jar = bundle("1.0.0", 100);

        Run run = Run.of("--host", first.host(), "--psk", FakePost.PSK, "update", jar.toString(), "--rollback");

        assertThat(run.exit()).isEqualTo(ExitCode.SUCCESS);
        assertThat(first.queries).containsExactly("rollback");
        assertThat(run.out()).contains("committed (2.0.0 -> 1.0.0)");
    }

    @Test
    void anUnreachableCanaryStopsTheRolloutWithExitThree() throws Exception {
        first = new FakePost("1.0.0");
        String nobody = "127.0.0.1:" + freePort();
        Path jar = bundle("1.1.0", 3000);

        Run run = Run.of("--host", nobody, "--host", first.host(), "--psk", FakePost.PSK, "--timeout", "1",
                "rollout", jar.toString());

        assertThat(run.exit()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(first.updatesReceived).isEmpty();
        assertThat(run.err()).contains("lampctl: " + nobody + ": PUT /mgmt/bundles/org.example.lamp: no answer "
                + "within 1 s (unreachable; no DTLS session").contains("rollout stopped at " + nobody + " (the canary)");
        assertThat(run.out().lines()).contains(nobody + "  unreachable       unreachable",
                first.host() + "  1.0.0             not attempted");
    }

    private Path hostsFile(String text) throws IOException {
        Path file = dir.resolve("hosts.txt");
        Files.writeString(file, text);
        return file;
    }

    private static String pad(String longest, String cell) {
        return " ".repeat(longest.length() - cell.length() + 2);
    }

    static int freePort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0)) {
            return s.getLocalPort();
        }
    }
}
