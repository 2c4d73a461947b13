package org.lampyris.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lampyris.internal.json.Json;
import org.lampyris.internal.x509.PemCredentials;
import org.lampyris.internal.x509.PostCertificate;
import org.lampyris.internal.x509.ServerKeyFiles;
import org.lampyris.testkit.Await;
import org.lampyris.testkit.CoapTestClient;
import org.lampyris.testkit.SigningKey;
import org.lampyris.testkit.TestJar;

/**
 * A post started without {@code --dev} is a street post: the public development credentials get it nowhere, it makes
 * secrets and a server key of its own that no other post shares, and it will not run with a secret others can read. A
 * development post says what it is.
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
        // The README's provisioning: bin/lampyris provision writes the city's credentials into DATA/security/.
        Path data = dir.resolve("data");
        SigningKey city = SigningKey.stranger(dir);
        Path codeSigningCa = dir.resolve("city-code-signing-ca.pem");
        Process export = new ProcessBuilder("keytool", "-exportcert", "-rfc", "-keystore",
                dir.resolve("stranger.p12").toString(), "-storetype", "PKCS12", "-storepass",
                SigningKey.DEVELOPMENT_PASSWORD, "-alias", "signer", "-file", codeSigningCa.toString())
                .redirectErrorStream(true).start();
        assertThat(export.waitFor()).as(new String(export.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isZero();
        Path serverKey = dir.resolve("depot-1.key");
        Path serverCert = dir.resolve("depot-1.crt");
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", serverKey.toString());
        openssl("req", "-x509", "-new", "-key", serverKey.toString(), "-subj", "/CN=depot-1", "-days", "30", "-out",
                serverCert.toString());

        Process badRole = new ProcessBuilder(LampPost.command("provision", "--data", data.toString(), "--psk",
                "anna:admin:anna-long-random-secret")).redirectErrorStream(true).start();
        String refusal = new String(badRole.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(badRole.waitFor()).as(refusal).isEqualTo(2);
        assertThat(refusal).contains("'anna' has the role 'admin'").doesNotContain("anna-long-random-secret");

        Process provision = new ProcessBuilder(LampPost.command("provision", "--data", data.toString(), "--psk",
                "anna:engineer:anna-long-random-secret", "--code-signing-ca", codeSigningCa.toString(),
                "--server-key", serverKey.toString(), "--server-cert", serverCert.toString()))
                .redirectErrorStream(true).start();
        String provisioned = new String(provision.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(provision.waitFor()).as(provisioned).isZero();
        assertThat(provisioned).contains("wrote " + data.resolve(PSK_FILE) + " (owner-only): 1 pre-shared keys: "
                + "anna (engineer)").contains(data.resolve("security/code-signing-ca.pem").toString())
                .contains(data.resolve(ServerKeyFiles.KEY).toString()).doesNotContain("anna-long-random-secret");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(PSK_FILE))))
                .isEqualTo("rw-------");

        byte[] citySigned = city.sign(TestJar.of(SignedJars.baseJar("org.lampyris.dimming"))
                .header("Bundle-Version", "0.9.0").bytes());
        byte[] developmentSigned = SignedJars.release(SignedJars.baseJar("org.lampyris.dimming"), "0.9.1");

        try (LampPost post = LampPost.startStreet("depot-1", data);
                CoapTestClient anna = CoapTestClient.builder().psk("anna", "anna-long-random-secret").build()) {
            assertThat(post.log()).doesNotContain("made its own pre-shared keys").doesNotContain("made its own server");
            try (CoapTestClient development = CoapTestClient.withPsk(LampPost.ENGINEER)) {
                assertThat(answer(development, post.uri("/mgmt/health"))).as("the development engineer's key")
                        .startsWith("no answer");
            }
            X509Certificate presented = ServerCertificateProbe.presented(post,
                    LampPost.DIST.resolve("conf/security/dev-clients/engineer-dev.pem"));
            assertThat(presented).as("the city's server certificate").isEqualTo(PemCredentials
                    .certificates(Files.readString(serverCert), serverCert.toString()).get(0));
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

            // Each presents the server key it made, in a certificate handshake, and the two keys differ.
            Path developmentEngineer = LampPost.DIST.resolve("conf/security/dev-clients/engineer-dev.pem");
            X509Certificate presentedByOne = ServerCertificateProbe.presented(one, developmentEngineer);
            X509Certificate presentedByTwo = ServerCertificateProbe.presented(two, developmentEngineer);
            PemCredentials keyOfOne = serverKey(one);
            PemCredentials keyOfTwo = serverKey(two);
            assertThat(presentedByOne).isEqualTo(keyOfOne.chain().get(0));
            assertThat(presentedByTwo).isEqualTo(keyOfTwo.chain().get(0));
            assertThat(presentedByOne.getPublicKey()).isNotEqualTo(presentedByTwo.getPublicKey());
            assertThat(keyOfOne.key()).isNotEqualTo(keyOfTwo.key());
            assertThat(presentedByOne.getSubjectX500Principal().getName()).isEqualTo("CN=twin");
            presentedByOne.verify(presentedByOne.getPublicKey());

            // The log names the file and the fingerprint, never the key.
            Path keyFile = one.dataDir.resolve(ServerKeyFiles.KEY);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
            assertThat(one.log()).contains("made its own server key and self-signed certificate (CN=twin) in "
                    + keyFile + " (owner-only), SHA-256 fingerprint " + PostCertificate.fingerprint(presentedByOne))
                    .contains(one.dataDir.resolve(ServerKeyFiles.REQUEST).toString());
            String keyBase64 = Base64.getEncoder().encodeToString(keyOfOne.key().getEncoded());
            for (String line : Files.readAllLines(keyFile)) {
                if (!line.startsWith("-----") && keyBase64.contains(line)) {
                    assertThat(one.log()).doesNotContain(line);
                }
            }

            // The development engineer's certificate, refused, is named in the log, with the reason.
            Await.until("the refused certificate is logged", () -> one.log().contains(
                    "Refused a DTLS handshake with client certificate 'CN=engineer-dev'"));
            assertThat(one.log()).contains("it is a public development certificate, which a street post never "
                    + "accepts");
        }
    }

    @Test
    void aStreetPostKeepsItsServerKeyAcrossRestartsAndPresentsTheChainTheCityIssuedForIt() throws Exception {
        Path data = dir.resolve("data");
        Path operator = LampPost.DIST.resolve("conf/security/dev-clients/operator-dev.pem");
        X509Certificate before;
        LampPost post = LampPost.startStreet("elm-7", data);
        try {
            before = ServerCertificateProbe.presented(post, operator);
        } finally {
            post.close();
        }
        // The city's authority signs the post's certificate request, and the chain goes to DATA/security/server.crt.
        Path ca = Files.createDirectories(dir.resolve("city-ca"));
        openssl("req", "-x509", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
                ca.resolve("ca.key").toString(), "-subj", "/CN=City street authority", "-days", "30", "-out",
                ca.resolve("ca.pem").toString());
        openssl("x509", "-req", "-in", data.resolve(ServerKeyFiles.REQUEST).toString(), "-CA",
                ca.resolve("ca.pem").toString(), "-CAkey", ca.resolve("ca.key").toString(), "-CAcreateserial", "-days",
                "30", "-out", ca.resolve("elm-7.crt").toString());
        Files.writeString(data.resolve(ServerKeyFiles.CITY_CHAIN), Files.readString(ca.resolve("elm-7.crt"))
                + Files.readString(ca.resolve("ca.pem")));

        post = post.restart();
        try {
            X509Certificate after = ServerCertificateProbe.presented(post, operator);
            assertThat(after.getPublicKey()).as("the same key").isEqualTo(before.getPublicKey());
            assertThat(after.getIssuerX500Principal().getName()).isEqualTo("CN=City street authority");
            assertThat(post.log()).doesNotContain("made its own server key")
                    .contains("presenting the certificate of " + data.resolve(ServerKeyFiles.CITY_CHAIN));
        } finally {
            post.close();
        }

        // A chain for another key: the post refuses to start, naming the file.
        Files.writeString(data.resolve(ServerKeyFiles.CITY_CHAIN), Files.readString(ca.resolve("ca.pem")));
        String refused = failedStart(data);
        assertThat(refused).contains(data.resolve(ServerKeyFiles.CITY_CHAIN) + " is a certificate "
                + "(CN=City street authority) for another key than that of " + data.resolve(ServerKeyFiles.KEY));
    }

    @Test
    void aStreetPostWhoseSecretFileOthersCanReadRefusesToStartNamingTheFile() throws Exception {
        Path data = dir.resolve("data");
        LampPost.startStreet("leaky", data).close();
        Path secrets = data.resolve(PSK_FILE);
        Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(failedStart(data)).contains("the secret file " + secrets).contains("chmod 600");

        Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-------"));
        Path serverKey = data.resolve(ServerKeyFiles.KEY);
        Files.setPosixFilePermissions(serverKey, PosixFilePermissions.fromString("rw-r-----"));
        assertThat(failedStart(data)).contains("the secret file " + serverKey).contains("chmod 600");
    }

    /** @return what a street post on this data directory printed when it refused to start (exit code 1) */
    private static String failedStart(Path data) throws Exception {
        Process p = new ProcessBuilder(LampPost.command("--port", Integer.toString(LampPost.freePort()),
                "--dtls-port", Integer.toString(LampPost.freePort()), "--data-dir", data.toString(), "--bind",
                "127.0.0.1")).redirectErrorStream(true).start();
        p.getOutputStream().close();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the post exits").isTrue();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(output).isEqualTo(1);
        return output;
    }

    private static PemCredentials serverKey(LampPost post) throws Exception {
        Path file = post.dataDir.resolve(ServerKeyFiles.KEY);
        return PemCredentials.parse(Files.readString(file), file.toString());
    }

    private static void openssl(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(output).isZero();
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
