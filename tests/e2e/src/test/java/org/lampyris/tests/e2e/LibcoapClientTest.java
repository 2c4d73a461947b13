package org.lampyris.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lampyris.testkit.ProcessOutput;

/**
 * Integrators use libcoap's {@code coap-client}: discovery, read, write and observe with it. On CI (CI=true) the
 * client must be installed ({@code .ci/run} installs Debian's libcoap3-bin); elsewhere these tests are skipped
 * without it.
 */
@ExtendWith(SharedPost.class)
class LibcoapClientTest {

    static LampPost post;
    static String coapClient;

    @BeforeAll
    static void start(LampPost shared) throws Exception {
        coapClient = findClient();
        if (coapClient == null) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("coap-client with DTLS is not installed; .ci/run installs libcoap3-bin");
            }
            return;
        }
        post = shared;
    }

    private static String findClient() {
        // a build with DTLS: the post's writes and its roles are over coaps://
        for (String name : new String[] { "coap-client-openssl", "coap-client-gnutls", "coap-client" }) {
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
                if (Files.isExecutable(Path.of(dir, name))) {
                    return Path.of(dir, name).toString();
                }
            }
        }
        return null;
    }

    private record Result(int exitCode, String out) {
    }

    /** The development identities of conf/org.lampyris.security.cfg, as coap-client takes them. */
    private static final String[] OPERATOR = { "-u", "city-operator", "-k", "operator-secret" };
    private static final String[] READER = { "-u", "integrator", "-k", "integrator-secret" };

    private static Result coapClient(String[] identity, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(identity));
        all.addAll(List.of(args));
        return coapClient(all.toArray(String[]::new));
    }

    private static Result coapClient(String... args) throws Exception {
        assumeTrue(coapClient != null, "coap-client is not installed");
        List<String> command = new ArrayList<>();
        command.add(coapClient);
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("coap-client " + String.join(" ", args) + " did not finish");
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void coapClientDiscoversTheLightPoints() throws Exception {
        Result r = coapClient("-m", "get", post.plainUri("/.well-known/core"));
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("</light/level>", "rt=\"light.level ucifi:3416/3\"", "</light/power>",
                "</light/failsafe>");
        Result filtered = coapClient("-m", "get", post.plainUri("/.well-known/core?rt=ucifi:3416/3"));
        assertThat(filtered.out()).contains("</light/level>").doesNotContain("</light/power>");
    }

    @Test
    void coapClientDiscoversAndReadsEveryPointOfTheFourPlugins() throws Exception {
        Result discovery = coapClient("-m", "get", "-B", "10", post.plainUri("/.well-known/core"));
        assertThat(discovery.exitCode()).isZero();
        // one link per point; collections (rt="lampyris.collection") carry no if=
        java.util.regex.Matcher links = java.util.regex.Pattern.compile("<(/[^>]+)>;([^,]*)").matcher(
                discovery.out());
        java.util.Map<String, String> points = new java.util.TreeMap<>();
        while (links.find()) {
            if (links.group(2).contains("if=\"core.")) {
                points.put(links.group(1), links.group(2));
            }
        }
        assertThat(points.keySet()).as("a point of each plugin").contains("/light/level", "/light/power",
                "/air/pm25", "/air/eaqi", "/ev/state", "/ev/limit", "/ev/sessions", "/count/presence",
                "/count/today/vehicle");
        assertThat(points.get("/air/pm25")).contains("rt=\"air.pm25 ucifi:3428/3\"");
        assertThat(points.get("/count/presence")).contains("rt=\"count.presence ucifi:3434/1\"");
        assertThat(points.get("/ev/state")).contains("rt=\"ev.state\"");
        for (String path : points.keySet()) {
            Result read = coapClient("-m", "get", post.plainUri(path));
            assertThat(read.exitCode()).as("GET %s", path).isZero();
            // An error is printed as its code and the post's diagnostic ("5.03 the gateway ..."); a value such as
            // 5.06 (Wh) is not one.
            assertThat(read.out().strip()).as("GET %s", path).isNotEmpty().doesNotMatch("(?s)[45]\\.\\d\\d\\s.*");
        }
    }

    @Test
    void plainCoapIsReadOnlyAndAWriteThereGets401SayingHowToAuthenticate() throws Exception {
        Result put = coapClient("-m", "put", "-t", "text/plain", "-e", "20", post.plainUri("/light/level"));
        assertThat(put.out()).contains("4.01").contains("coaps://");
        assertThat(coapClient("-m", "get", post.plainUri("/light/level")).out().strip()).isNotEqualTo("20");
    }

    @Test
    void aReaderMayReadButNotWriteAndAnOperatorMayNotSetTheFailSafeLevel() throws Exception {
        Result reader = coapClient(READER, "-m", "put", "-e", "20", post.uri("/light/level"));
        assertThat(reader.out()).contains("4.03").contains("operator role");
        Result operator = coapClient(OPERATOR, "-m", "put", "-e", "90", post.uri("/light/failsafe"));
        assertThat(operator.out()).contains("4.03").contains("engineer role");
        Result wrongSecret = coapClient(new String[] { "-u", "city-operator", "-k", "not-the-secret" }, "-B", "5",
                "-m", "get", post.uri("/light/level"));
        assertThat(wrongSecret.out().strip()).as("no value without the right key").doesNotMatch("[0-9.]+");
    }

    @Test
    void anEngineerWithACertificateSetsTheFailSafeLevel() throws Exception {
        Path security = LampPost.DIST.resolve("conf/security");
        String[] engineer = { "-c", security.resolve("dev-clients/engineer-dev.crt").toString(), "-j",
                security.resolve("dev-clients/engineer-dev.key").toString(), "-C",
                security.resolve("ca.pem").toString() };
        try {
            Result put = coapClient(engineer, "-m", "put", "-e", "90", post.uri("/light/failsafe"));
            assertThat(put.exitCode()).as(put.out()).isZero();
            assertThat(put.out()).doesNotContain("4.0");
            assertThat(coapClient("-m", "get", post.plainUri("/light/failsafe")).out().strip()).isEqualTo("90");
        } finally {
            coapClient(engineer, "-m", "put", "-e", "100", post.uri("/light/failsafe"));
        }
    }

    @Test
    void aCertificateHandshakeWithoutAClientCertificateGetsNothing() throws Exception {
        Path ca = LampPost.DIST.resolve("conf/security/ca.pem");
        Result anonymous = coapClient(new String[] { "-C", ca.toString() }, "-B", "5", "-m", "get",
                post.uri("/light/level"));
        assertThat(anonymous.out().strip()).as("no value without an identity").doesNotMatch("[0-9.]+");
    }

    @Test
    void coapClientWritesAndReadsTheLevel() throws Exception {
        Result put = coapClient(OPERATOR, "-m", "put", "-t", "text/plain", "-e", "35", post.uri("/light/level"));
        assertThat(put.exitCode()).isZero();
        assertThat(coapClient("-m", "get", post.plainUri("/light/level")).out().strip()).isEqualTo("35");
        assertThat(coapClient(READER, "-m", "get", "-A", "110", post.uri("/light/level")).out())
                .contains("\"n\":\"light/level\"").contains("\"v\":35");
    }

    @Test
    void coapClientSeesTheReasonOfARefusedWrite() throws Exception {
        Result bad = coapClient(OPERATOR, "-m", "put", "-t", "text/plain", "-e", "150", post.uri("/light/level"));
        assertThat(bad.out()).contains("4.00").contains("between 0 and 100");
    }

    @Test
    void coapClientObservesTheLevel() throws Exception {
        coapClient(OPERATOR, "-m", "put", "-e", "12", post.uri("/light/level"));
        assumeTrue(coapClient != null, "coap-client is not installed");
        Process observer = new ProcessBuilder(coapClient, "-s", "6", "-m", "get", post.plainUri("/light/level"))
                .redirectErrorStream(true).start();
        observer.getOutputStream().close();
        ProcessOutput printed = ProcessOutput.of(observer);
        printed.await("coap-client prints the first notification, 12", Duration.ofSeconds(30),
                text -> text.contains("12"));

        coapClient(OPERATOR, "-m", "put", "-e", "88", post.uri("/light/level"));

        assertThat(printed.await("coap-client prints the write, 88", Duration.ofSeconds(30),
                text -> text.contains("88"))).contains("12");
        observer.destroy();
        observer.waitFor(10, TimeUnit.SECONDS);
    }
}
