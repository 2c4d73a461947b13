package org.lampyris.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lampyris.testkit.CoapTestClient;

/** What a city engineer sees when starting, running side by side, restarting and stopping lamp posts. */
class LauncherTest {

    @TempDir
    Path temp;

    private record Run(int exitCode, String stdout, String stderr) {
    }

    private static Run run(String... args) throws Exception {
        Process p = new ProcessBuilder(LampPost.command(args)).start();
        p.getOutputStream().close();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("bin/lampyris " + String.join(" ", args) + " did not exit");
        }
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void aBadOptionIsOneLineNamingItAndANonZeroExit() throws Exception {
        Run r = run("--port", "notaport");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr().strip()).isEqualTo("lampyris: --port 'notaport' is not a port number between 1 and 65535");
        Run unknown = run("--frobnicate");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.stderr().strip().lines()).hasSize(1).first().asString().contains("--frobnicate");
    }

    @Test
    void helpPrintsTheOptions() throws Exception {
        Run r = run("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).contains("--port", "--dtls-port", "--data-dir", "--post-id", "--clock-speed");
    }

    @Test
    void aPortInUseIsOneLineAndANonZeroExit() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            Run r = run("--port", Integer.toString(taken.getLocalPort()), "--data-dir", temp.toString(), "--bind",
                    "127.0.0.1");
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.stderr().strip()).isEqualTo("lampyris: UDP port " + taken.getLocalPort()
                    + " (--port) is already in use");
        }
    }

    @Test
    void aSecondPostOnTheSameDataDirectoryIsRefusedAndTheFirstKeepsAnswering() throws Exception {
        Path shared = temp.resolve("shared");
        try (LampPost first = LampPost.start("first", shared);
                CoapTestClient coap = CoapTestClient.withPsk(LampPost.ENGINEER)) {
            Run second = run("--port", Integer.toString(LampPost.freePort()), "--dtls-port",
                    Integer.toString(LampPost.freePort()), "--data-dir", shared.toString(), "--bind", "127.0.0.1");
            assertThat(second.exitCode()).isEqualTo(1);
            assertThat(second.stderr().strip()).isEqualTo("lampyris: the data directory " + shared.toAbsolutePath()
                    .normalize() + " is in use by another Lampyris controller; give each post its own --data-dir");
            CoapClient client = coap.client(first.uri("/light/level"));
            try {
                assertThat(client.get().getCode()).isEqualTo(ResponseCode.CONTENT);
            } finally {
                client.shutdown();
            }
        }
    }

    @Test
    void twoPostsSideBySideAnswerIndependently() throws Exception {
        try (LampPost a = LampPost.start("post-a", temp.resolve("a"));
                LampPost b = LampPost.start("post-b", temp.resolve("b"));
                CoapTestClient coap = CoapTestClient.withPsk(LampPost.ENGINEER)) {
            CoapClient ca = coap.client(a.uri("/light/level"));
            CoapClient cb = coap.client(b.uri("/light/level"));
            try {
                assertThat(ca.put("25", MediaTypeRegistry.TEXT_PLAIN).getCode()).isEqualTo(ResponseCode.CHANGED);
                assertThat(cb.put("75", MediaTypeRegistry.TEXT_PLAIN).getCode()).isEqualTo(ResponseCode.CHANGED);
                assertThat(ca.get().getResponseText()).isEqualTo("25");
                assertThat(cb.get().getResponseText()).isEqualTo("75");
                assertThat(ca.get(MediaTypeRegistry.APPLICATION_SENML_JSON).getResponseText())
                        .contains("urn:dev:lampyris:post-a:");
                assertThat(cb.get(MediaTypeRegistry.APPLICATION_SENML_JSON).getResponseText())
                        .contains("urn:dev:lampyris:post-b:");
            } finally {
                ca.shutdown();
                cb.shutdown();
            }
        }
    }

    @Test
    void sigtermStopsThePostCleanlyAndASettingSurvivesTheRestart() throws Exception {
        LampPost post = LampPost.start("restart", temp.resolve("data"));
        try {
            try (CoapTestClient coap = CoapTestClient.withPsk(LampPost.ENGINEER)) {
                CoapClient c = coap.client(post.uri("/light/failsafe"));
                assertThat(c.put("80", MediaTypeRegistry.TEXT_PLAIN).getCode()).isEqualTo(ResponseCode.CHANGED);
                c.shutdown();
            }
            post.close();
            assertThat(post.process().exitValue()).as("exit status after SIGTERM").isZero();
            assertThat(post.log()).contains("Stopping lamp post restart", "Lamp post restart stopped");
            assertThat(portIsFree(post.port)).as("the port is released").isTrue();
            assertThat(portIsFree(post.dtlsPort)).as("the DTLS port is released").isTrue();

            post = post.restart();
            // a new client: the DTLS session of the old one died with the old process
            try (CoapTestClient coap = CoapTestClient.withPsk(LampPost.ENGINEER)) {
                CoapClient again = coap.client(post.uri("/light/failsafe"));
                assertThat(again.get().getResponseText()).isEqualTo("80");
                again.shutdown();
            }
        } finally {
            post.close();
        }
    }

    private static boolean portIsFree(int port) {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", port))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
