package org.lampyris.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lampyris.internal.json.Json;
import org.lampyris.testkit.CoapTestClient;
import org.lampyris.testkit.SigningKey;
import org.lampyris.testkit.TestJar;

/**
 * An engineer provisions a street post remotely over DTLS: adds an identity, rotates a key (the new one works, the old
 * one no longer), revokes an identity whose session is open (it gets no more answers), cannot revoke the last engineer,
 * and rotates the code-signing trust store only with a trust store signed under the current one.
 */
class SecurityRotationTest {
    private static final String IDENTITIES = "/mgmt/security/identities";
    /** Long enough for an answer on loopback, short enough for a request the post no longer answers. */
    private static final Duration SHORT = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    @Test
    void anEngineerAddsAnIdentityRotatesItsKeyAndRevokesItWhileItsSessionIsOpen() throws Exception {
        try (LampPost post = LampPost.startStreet("rot-1", dir.resolve("data"));
                CoapTestClient engineer = ownEngineer(post)) {
            CoapResponse added = send(engineer, post, "POST", IDENTITIES,
                    "{\"identity\": \"desk-7\", \"role\": \"operator\", \"secret\": \"desk-7-first-secret-0123\"}");
            assertThat(added.getCode()).as(added.getResponseText()).isEqualTo(ResponseCode.CREATED);
            CoapResponse listed = engineer.get(post.uri(IDENTITIES));
            assertThat(listed.getResponseText()).contains("\"identity\":\"desk-7\"", "\"role\":\"operator\"",
                    "\"source\":\"file\"").doesNotContain("desk-7-first-secret");

            try (CoapTestClient first = psk("desk-7", "desk-7-first-secret-0123")) {
                assertThat(first.put(post.uri("/light/level"), "30").getCode()).as("the new operator writes")
                        .isEqualTo(ResponseCode.CHANGED);

                CoapResponse rotated = send(engineer, post, "PUT", IDENTITIES + "/desk-7",
                        "{\"secret\": \"desk-7-second-secret-4567\"}");
                assertThat(rotated.getCode()).as(rotated.getResponseText()).isEqualTo(ResponseCode.CHANGED);

                assertThat(answer(first, post.uri("/light/level"))).as("the session of the old key")
                        .startsWith("no answer");
            }
            try (CoapTestClient old = psk("desk-7", "desk-7-first-secret-0123")) {
                assertThat(answer(old, post.uri("/light/level"))).as("a new handshake with the old key")
                        .startsWith("no answer");
            }
            try (CoapTestClient second = psk("desk-7", "desk-7-second-secret-4567")) {
                assertThat(answer(second, post.uri("/light/level"))).as("the new key")
                        .isEqualTo(ResponseCode.CONTENT.toString());

                CoapResponse revoked = send(engineer, post, "DELETE", IDENTITIES + "/desk-7", null);
                assertThat(revoked.getCode()).as(revoked.getResponseText()).isEqualTo(ResponseCode.DELETED);

                assertThat(answer(second, post.uri("/light/level"))).as("the open session of a revoked identity")
                        .startsWith("no answer");
            }
            Path secrets = post.dataDir.resolve("security/psk.secret");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets))).isEqualTo("rw-------");
            assertThat(Files.readString(secrets)).doesNotContain("desk-7").contains("rot-1-engineer:engineer:");
            assertThat(post.log()).contains("Identity desk-7 (operator) added by psk rot-1-engineer",
                    "Identity desk-7: secret rotated, by psk rot-1-engineer",
                    "Identity desk-7 (operator) revoked by psk rot-1-engineer")
                    .doesNotContain("desk-7-first-secret", "desk-7-second-secret");
        }
    }

    @Test
    void theLastEngineerStaysAndBadRequestsAreRefusedWithAReason() throws Exception {
        try (LampPost post = LampPost.startStreet("rot-2", dir.resolve("data"));
                CoapTestClient engineer = ownEngineer(post)) {
            String firstEngineerSecret = secretOf(post, "rot-2-engineer");
            assertRefused(send(engineer, post, "DELETE", IDENTITIES + "/rot-2-engineer", null),
                    ResponseCode.CONFLICT, "last engineer identity");
            assertRefused(send(engineer, post, "PUT", IDENTITIES + "/rot-2-engineer", "{\"role\": \"reader\"}"),
                    ResponseCode.CONFLICT, "unmanageable");
            assertRefused(send(engineer, post, "POST", IDENTITIES, "{\"identity\": \"city-engineer\", \"role\": "
                    + "\"engineer\", \"secret\": \"a-long-enough-secret-0123\"}"), ResponseCode.BAD_REQUEST,
                    "public development identity");
            assertRefused(send(engineer, post, "POST", IDENTITIES,
                    "{\"identity\": \"bob\", \"role\": \"engineer\", \"secret\": \"too-short\"}"),
                    ResponseCode.BAD_REQUEST, "at least 16");
            assertRefused(send(engineer, post, "POST", IDENTITIES,
                    "{\"identity\": \"bob\", \"role\": \"janitor\", \"secret\": \"a-long-enough-secret-0123\"}"),
                    ResponseCode.BAD_REQUEST, "unknown role");
            assertRefused(send(engineer, post, "POST", IDENTITIES, "{\"identity\": \"bob\", \"secret\": \"x"),
                    ResponseCode.BAD_REQUEST, "not valid JSON");

            // A second engineer may take over; the first one's own key then goes, and anna rotates her own key: she
            // gets her answer before her session ends.
            assertThat(send(engineer, post, "POST", IDENTITIES, "{\"identity\": \"anna\", \"role\": \"engineer\", "
                    + "\"secret\": \"anna-first-secret-0123\"}").getCode()).isEqualTo(ResponseCode.CREATED);
            try (CoapTestClient anna = psk("anna", "anna-first-secret-0123")) {
                assertThat(send(anna, post, "DELETE", IDENTITIES + "/rot-2-engineer", null).getCode())
                        .isEqualTo(ResponseCode.DELETED);
                assertThat(answer(engineer, post.uri("/mgmt/health"))).as("the revoked engineer's session")
                        .startsWith("no answer");
                CoapResponse own = send(anna, post, "PUT", IDENTITIES + "/anna",
                        "{\"secret\": \"anna-second-secret-4567\"}");
                assertThat(own.getCode()).as("an engineer's answer to rotating her own key")
                        .isEqualTo(ResponseCode.CHANGED);
                assertThat(answer(anna, post.uri("/mgmt/health"))).as("her old session").startsWith("no answer");
            }
            try (CoapTestClient anna = psk("anna", "anna-second-secret-4567")) {
                assertRefused(send(anna, post, "DELETE", IDENTITIES + "/anna", null), ResponseCode.CONFLICT,
                        "last engineer identity");
            }
            post.close();
            try (LampPost again = post.restart();
                    CoapTestClient anna = psk("anna", "anna-second-secret-4567");
                    CoapTestClient revoked = psk("rot-2-engineer", firstEngineerSecret)) {
                assertThat(answer(anna, again.uri("/mgmt/health"))).as("after a restart")
                        .isEqualTo(ResponseCode.CONTENT.toString());
                assertThat(answer(revoked, again.uri("/mgmt/health"))).startsWith("no answer");
            }
        }
    }

    @Test
    void aTrustStoreNotSignedByTheCurrentOneIsRefusedAndOneSignedByItIsTakenForTheNextBundle() throws Exception {
        SigningKey city = SigningKey.stranger(Files.createDirectories(dir.resolve("city")));
        SigningKey nextCity = SigningKey.stranger(Files.createDirectories(dir.resolve("next-city")));
        SigningKey stranger = SigningKey.stranger(Files.createDirectories(dir.resolve("stranger")));
        byte[] dimming = TestJar.of(SignedJars.baseJar("org.lampyris.dimming")).header("Bundle-Version", "0.9.0")
                .bytes();

        try (LampPost post = LampPost.startStreet("rot-3", dir.resolve("data"));
                CoapTestClient engineer = ownEngineer(post)) {
            CoapResponse first = putTrust(engineer, post, city.sign(trustJar(city)));
            assertThat(first.getCode()).as("the first trust store, signed by its own authority: "
                    + first.getResponseText()).isEqualTo(ResponseCode.CREATED);

            List<String> trusted = authorities(engineer, post);
            assertThat(trusted).hasSize(1);

            CoapResponse refused = putTrust(engineer, post, stranger.sign(trustJar(stranger)));
            assertRefused(refused, ResponseCode.FORBIDDEN, "signed by CN=Stranger, which the trust store");
            assertRefused(putTrust(engineer, post, trustJar(nextCity)), ResponseCode.FORBIDDEN, "not signed");
            assertThat(authorities(engineer, post)).as("nothing changed").isEqualTo(trusted);

            CoapResponse rotated = putTrust(engineer, post, city.sign(trustJar(nextCity)));
            assertThat(rotated.getCode()).as(rotated.getResponseText()).isEqualTo(ResponseCode.CHANGED);
            assertThat(Files.readString(post.dataDir.resolve("security/code-signing-ca.pem")))
                    .isEqualTo(nextCity.certificatePem());

            CoapResponse byOldAuthority = RemoteUpdateTest.put(engineer, post, city.sign(dimming));
            assertThat(byOldAuthority.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
            CoapResponse byNewAuthority = RemoteUpdateTest.put(engineer, post, nextCity.sign(dimming));
            assertThat(byNewAuthority.getCode()).as(byNewAuthority.getResponseText())
                    .isEqualTo(ResponseCode.CHANGED);
            assertThat(RemoteUpdateTest.describe(engineer, post)).containsEntry("version", "0.9.0");
        }
    }

    /** @return a client with the engineer key the street post made for itself, read from its secret file */
    static CoapTestClient ownEngineer(LampPost post) throws Exception {
        return psk(post.postId + "-engineer", secretOf(post, post.postId + "-engineer"));
    }

    private static String secretOf(LampPost post, String identity) throws Exception {
        List<String> lines = Files.readAllLines(post.dataDir.resolve("security/psk.secret"));
        return lines.stream().filter(l -> l.startsWith(identity + ":"))
                .map(l -> l.substring(l.lastIndexOf(':') + 1)).findFirst().orElseThrow();
    }

    private static CoapTestClient psk(String identity, String secret) {
        return CoapTestClient.builder().psk(identity, secret).timeout(SHORT).build();
    }

    private static byte[] trustJar(SigningKey authority) throws Exception {
        return TestJar.plain().entry("code-signing-ca.pem", authority.certificatePem()).bytes();
    }

    private static CoapResponse putTrust(CoapTestClient engineer, LampPost post, byte[] jar) {
        CoapClient client = engineer.client(post.uri("/mgmt/security/trust"));
        client.setTimeout(30_000L);
        try {
            return client.put(jar, MediaTypeRegistry.APPLICATION_OCTET_STREAM);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            client.shutdown();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> authorities(CoapTestClient engineer, LampPost post) throws Exception {
        CoapResponse r = engineer.get(post.uri("/mgmt/security/trust"));
        Map<String, Object> trust = (Map<String, Object>) Json.parse(r.getPayload());
        return ((List<Map<String, Object>>) trust.get("authorities")).stream()
                .map(a -> String.valueOf(a.get("sha256"))).toList();
    }

    /** A request with a JSON body (or none), answered within the client's timeout. */
    private static CoapResponse send(CoapTestClient client, LampPost post, String method, String path, String json) {
        CoapClient c = client.client(post.uri(path));
        try {
            CoapResponse r = switch (method) {
            case "POST" -> c.post(json, MediaTypeRegistry.APPLICATION_JSON);
            case "PUT" -> c.put(json, MediaTypeRegistry.APPLICATION_JSON);
            case "DELETE" -> c.delete();
            default -> throw new IllegalArgumentException(method);
            };
            assertThat(r).as(method + " " + path + " is answered").isNotNull();
            return r;
        } catch (org.eclipse.californium.elements.exception.ConnectorException | java.io.IOException e) {
            throw new IllegalStateException(method + " " + path + ": " + e, e);
        } finally {
            c.shutdown();
        }
    }

    private static void assertRefused(CoapResponse r, ResponseCode code, String reason) {
        assertThat(r.getCode()).as(r.getResponseText()).isEqualTo(code);
        assertThat(r.getResponseText()).contains(reason);
    }

    /** @return the code of a GET's answer, or "no answer" with why when none came */
    private static String answer(CoapTestClient client, String uri) {
        try {
            CoapResponse r = client.get(uri);
            return r == null ? "no answer (timeout)" : r.getCode().toString();
        } catch (IllegalStateException e) {
            return "no answer: " + e.getMessage();
        }
    }
}
