package org.lampyris.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lampyris.internal.json.Json;
import org.lampyris.testkit.CoapTestClient;
import org.lampyris.testkit.SigningKey;
import org.lampyris.testkit.TestJar;

/**
 * A post started without {@code --dev} is a street post: the public development credentials get it nowhere, it makes
 * secrets of its own that no other post shares, and it will not run with a secret others can read. A development post
 * says what it is.
 */
class StreetPostTest {
    private static final String PSK_FILE = "security/psk.secret";

    @TempDir
    Path dir;

    @Test
    void aStreetPostRefusesTheDevelopmentKeyAndTheDevelopmentSignerButAnswersItsOwnKey() throws Exception {
        byte[] release = SignedJars.release(SignedJars.baseJar("org.lampyris.dimming"), "0.9.0");
        Path security = LampPost.DIST.resolve("conf/security");
        try (LampPost post = LampPost.startStreet("street-1", dir.resolve("data"));
                CoapTestClient development = CoapTestClient.withPsk(LampPost.ENGINEER);
                CoapTestClient developmentCertificate = CoapTestClient.builder().certificate(
                        security.resolve("dev-clients/engineer-dev.crt"),
                        security.resolve("dev-clients/engineer-dev.key"), security.resolve("ca.pem"))
                        .timeout(java.time.Duration.ofSeconds(5)).build()) {
            assertThat(answer(development, post.uri("/mgmt/health"))).as("the development engineer's key")
                    .startsWith("no answer");
            assertThat(answer(developmentCertificate, post.uri("/mgmt/health")))
                    .as("the development engineer's certificate").startsWith("no answer");
            assertThat(post.log()).contains("Refused a DTLS handshake with psk identity 'city-engineer': it is a "
                    + "public development identity").doesNotContain("engineer-secret");

            String own = ownKey(post.dataDir, "street-1-engineer");
            assertThat(post.log()).contains(post.dataDir.resolve(PSK_FILE).toString()).doesNotContain(own);
            try (CoapTestClient engineer = CoapTestClient.builder().psk("street-1-engineer", own).build()) {
                CoapResponse health = engineer.get(post.uri("/mgmt/health"));
                assertThat(health.getCode()).as(health.getResponseText()).isEqualTo(ResponseCode.CONTENT);
                assertThat(development(health)).containsEntry("active", false);

                CoapResponse refused = RemoteUpdateTest.put(engineer, post, release);
                assertThat(refused.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
                assertThat(refused.getResponseText()).contains("trusts no code-signing authority yet")
                        .contains(post.dataDir.resolve("security/code-signing-ca.pem").toString());
            }
        }
    }

    @Test
    void aStreetPostProvisionedAtTheDepotAcceptsTheCitysKeyAndTheCitysSignedBundleOnly() throws Exception {
        // The README's provisioning: the city's keys and code-signing authority in DATA/security/.
        Path data = dir.resolve("data");
        Path security = Files.createDirectories(data.resolve("security"));
        Path keys = security.resolve("psk.secret");
        Files.writeString(keys, "# provisioned at the depot\nanna:engineer:anna-long-random-secret\n");
        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-------"));
        SigningKey city = SigningKey.stranger(dir);
        Process export = new ProcessBuilder("keytool", "-exportcert", "-rfc", "-keystore",
                dir.resolve("stranger.p12").toString(), "-storetype", "PKCS12", "-storepass",
                SigningKey.DEVELOPMENT_PASSWORD, "-alias", "signer", "-file",
                security.resolve("code-signing-ca.pem").toString()).redirectErrorStream(true).start();
        assertThat(export.waitFor()).as(new String(export.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isZero();
        byte[] citySigned = city.sign(TestJar.of(SignedJars.baseJar("org.lampyris.dimming"))
                .header("Bundle-Version", "0.9.0").bytes());
        byte[] developmentSigned = SignedJars.release(SignedJars.baseJar("org.lampyris.dimming"), "0.9.1");

        try (LampPost post = LampPost.startStreet("depot-1", data);
                CoapTestClient anna = CoapTestClient.builder().psk("anna", "anna-long-random-secret").build()) {
            assertThat(post.log()).doesNotContain("made its own pre-shared keys");
            CoapResponse refused = RemoteUpdateTest.put(anna, post, developmentSigned);
            assertThat(refused.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
            assertThat(refused.getResponseText()).contains("CN=Lampyris development signer");

            CoapResponse updated = RemoteUpdateTest.put(anna, post, citySigned);
            assertThat(updated.getCode()).as(updated.getResponseText()).isEqualTo(ResponseCode.CHANGED);
            assertThat(RemoteUpdateTest.describe(anna, post)).containsEntry("version", "0.9.0")
                    .containsEntry("signer", "Stranger");
        }
    }

    @Test
    void twoStreetPostsSideBySideHaveDifferentSecretsEachItsOwnersOnly() throws Exception {
        try (LampPost one = LampPost.startStreet("twin", dir.resolve("one"));
                LampPost two = LampPost.startStreet("twin", dir.resolve("two"))) {
            Path first = one.dataDir.resolve(PSK_FILE);
            Path second = two.dataDir.resolve(PSK_FILE);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first))).isEqualTo("rw-------");
            assertThat(ownKey(one.dataDir, "twin-engineer")).isNotEqualTo(ownKey(two.dataDir, "twin-engineer"));
            assertThat(ownKey(one.dataDir, "twin-reader")).isNotEqualTo(ownKey(two.dataDir, "twin-reader"));
            assertThat(second).exists();
        }
    }

    @Test
    void aStreetPostWhoseSecretFileOthersCanReadRefusesToStartNamingTheFile() throws Exception {
        Path data = dir.resolve("data");
        LampPost.startStreet("leaky", data).close();
        Path secrets = data.resolve(PSK_FILE);
        Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-r--r--"));

        Process p = new ProcessBuilder(LampPost.command("--port", Integer.toString(LampPost.freePort()),
                "--dtls-port", Integer.toString(LampPost.freePort()), "--data-dir", data.toString(), "--bind",
                "127.0.0.1")).redirectErrorStream(true).start();
        p.getOutputStream().close();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the post exits").isTrue();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(output).isEqualTo(1);
        assertThat(output).contains("the secret file " + secrets).contains("chmod 600");
    }

    @Test
    void aDevelopmentPostSaysSoAtBootAndInItsHealth() throws Exception {
        try (LampPost post = LampPost.start("bench-1", dir.resolve("data"));
                CoapTestClient engineer = CoapTestClient.withPsk(LampPost.ENGINEER)) {
            assertThat(post.log()).contains("DEVELOPMENT POST (--dev)");
            CoapResponse health = engineer.get(post.uri("/mgmt/health"));
            assertThat(health.getCode()).as(health.getResponseText()).isEqualTo(ResponseCode.CONTENT);
            assertThat(development(health)).containsEntry("active", true);
            assertThat(String.valueOf(development(health).get("reason"))).contains("--dev");
            assertThat(post.dataDir.resolve(PSK_FILE)).as("a development post makes no keys").doesNotExist();
        }
    }

    /** @return the secret of one of the keys a street post made for itself, as its file holds it */
    private static String ownKey(Path dataDir, String identity) throws Exception {
        List<String> lines = Files.readAllLines(dataDir.resolve(PSK_FILE));
        return lines.stream().filter(l -> l.startsWith(identity + ":")).map(l -> l.substring(l.lastIndexOf(':') + 1))
                .findFirst().orElseThrow(() -> new AssertionError(identity + " not in " + lines));
    }

    /** @return the code of the answer, or "no answer" with why when there was none (a refused handshake) */
    private static String answer(CoapTestClient client, String uri) {
        try {
            CoapResponse r = client.get(uri);
            return r == null ? "no answer (timeout)" : r.getCode().toString();
        } catch (IllegalStateException e) {
            return "no answer: " + e.getMessage();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> development(CoapResponse health) throws Exception {
        return (Map<String, Object>) ((Map<String, Object>) Json.parse(health.getPayload())).get("development");
    }
}
