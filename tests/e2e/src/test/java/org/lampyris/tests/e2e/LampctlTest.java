package org.lampyris.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lampyris.testkit.ProcessOutput;

/**
 * The distribution's {@code bin/lampctl}, run as a city engineer runs it, against a post started from the same
 * distribution: reads over DTLS and plain CoAP, an operator's write read back, a reader's write refused (exit 1 with
 * the post's 4.03), a post that is not there (exit 3), and the engineer's health view.
 */
@ExtendWith(SharedPost.class)
class LampctlTest {
    static LampPost post;

    @BeforeAll
    static void start(LampPost shared) throws Exception {
        post = shared;
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run lampctl(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(LampPost.DIST.resolve("bin/lampctl").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("LAMPCTL_PSK");
        Process p = builder.start();
        p.getOutputStream().close();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("lampctl " + String.join(" ", args) + " did not exit");
        }
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static String host() {
        return "127.0.0.1:" + post.dtlsPort;
    }

    @Test
    void anOperatorSetsTheLightLevelAndReadsItBack() throws Exception {
        Run put = lampctl("--host", host(), "--psk", LampPost.OPERATOR, "put", "/light/level", "30");
        assertThat(put.exit()).as(put.err()).isZero();
        assertThat(put.out()).isEqualTo("2.04 Changed\n");

        Run get = lampctl("--host", host(), "--psk", LampPost.OPERATOR, "get", "/light/level");
        assertThat(get.exit()).as(get.err()).isZero();
        assertThat(get.out().strip()).isEqualTo("30");

        Run plain = lampctl("--host", "coap://127.0.0.1:" + post.port, "get", "/light/level", "--accept", "senml");
        assertThat(plain.exit()).as(plain.err()).isZero();
        assertThat(plain.out()).contains("\"n\":\"light/level\"", "\"v\":30");
    }

    @Test
    void anObserverSeesTheOperatorsChange() throws Exception {
        lampctl("--host", host(), "--psk", LampPost.OPERATOR, "put", "/light/level", "20");
        List<String> command = List.of(LampPost.DIST.resolve("bin/lampctl").toString(), "--host", host(), "--psk",
                LampPost.READER, "observe", "/light/level", "--seconds", "15");
        Process observer = new ProcessBuilder(command).redirectErrorStream(true).start();
        observer.getOutputStream().close();
        ProcessOutput printed = ProcessOutput.of(observer);
        printed.await("the observer prints the level it found, 20", Duration.ofSeconds(30),
                text -> text.lines().anyMatch(l -> l.endsWith("Z 20")));
        Run put = lampctl("--host", host(), "--psk", LampPost.OPERATOR, "put", "/light/level", "65");
        assertThat(put.exit()).as(put.err()).isZero();
        // The observer's 15 s leave a busy machine (two test JVMs, a post, two lampctl JVMs) time for the second put.
        assertThat(observer.waitFor(40, TimeUnit.SECONDS)).isTrue();
        String out = printed.all(Duration.ofSeconds(10));
        assertThat(observer.exitValue()).as(out).isZero();
        assertThat(out.lines()).anySatisfy(l -> assertThat(l).endsWith("Z 65"));
    }

    @Test
    void aReadersWriteIsRefusedWithExitOneAndThePostsAnswer() throws Exception {
        Run run = lampctl("--host", host(), "--psk", LampPost.READER, "put", "/light/level", "30");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("lampctl: " + host() + ": PUT /light/level: 4.03 Forbidden: ")
                .contains("operator");
    }

    @Test
    void aPostThatIsNotThereIsUnreachableWithExitThree() throws Exception {
        String nobody = "127.0.0.1:" + LampPost.freePort();

        Run run = lampctl("--host", nobody, "--psk", LampPost.OPERATOR, "--timeout", "1", "get", "/light/level");

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).startsWith("lampctl: " + nobody + ": GET /light/level: no answer within 1 s");
    }

    @Test
    void aClientCertificateIdentifiesTheEngineer() throws Exception {
        Path clients = LampPost.DIST.resolve("conf/security/dev-clients");
        Run run = lampctl("--host", host(), "--cert", clients.resolve("operator-dev.crt").toString(), "--key",
                clients.resolve("operator-dev.key").toString(), "--ca",
                LampPost.DIST.resolve("conf/security/ca.pem").toString(), "discover");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().lines()).anySatisfy(link -> assertThat(link).startsWith("</light/level>;")
                .contains("rt=\"light.level ucifi:3416/3\""));
    }

    @Test
    void anEngineerSeesThePostsHealth() throws Exception {
        Run run = lampctl("--host", host(), "--psk", LampPost.ENGINEER, "health");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().strip()).startsWith("{").contains("\"status\":\"ok\"", "\"failSafe\":");
    }

    @Test
    void theLaunchersClassPathHasNoCaliforniumOnIt() throws Exception {
        try (Stream<Path> lib = Files.list(LampPost.DIST.resolve("lib"))) {
            assertThat(lib.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "org.lampyris.runtime.jar", "org.lampyris.internal.jar", "org.apache.felix.framework.jar",
                    "lampctl");
        }
        assertThat(Files.readString(LampPost.DIST.resolve("bin/lampyris"))).doesNotContain("lampctl");
        try (Stream<Path> own = Files.list(LampPost.DIST.resolve("lib/lampctl"))) {
            assertThat(own.map(p -> p.getFileName().toString())).contains("org.lampyris.lampctl.jar",
                    "californium-core.jar", "scandium.jar", "element-connector.jar");
        }
    }
}
