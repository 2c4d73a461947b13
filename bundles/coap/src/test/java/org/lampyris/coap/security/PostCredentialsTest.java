package org.lampyris.coap.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.eclipse.californium.elements.auth.PreSharedKeyIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lampyris.internal.x509.ServerKeyFiles;

class PostCredentialsTest {
    @TempDir
    Path data;

    private static final Map<String, Object> DISTRIBUTION = Map.of(
            "development_psk", new String[] { "city-engineer:engineer:engineer-secret" },
            "development_certificate_roles", new String[] { "engineer-dev:engineer" },
            "development_trust_file", "security/ca.pem",
            "development_credentials_file", "security/post.pem");

    @Test
    void aDevelopmentPostAcceptsTheDevelopmentIdentitiesAndFiles() {
        PostCredentials dev = PostCredentials.of(config(DISTRIBUTION), true, data, "post-1");

        assertThat(dev.identities().roleOf(new PreSharedKeyIdentity("city-engineer"))).isEqualTo(Role.ENGINEER);
        assertThat(dev.trustFile()).isEqualTo("security/ca.pem");
        assertThat(dev.credentialsFile()).isEqualTo("security/post.pem");
        assertThat(data.resolve(PostCredentials.PSK_FILE)).doesNotExist();
    }

    @Test
    void aStreetPostWithoutCityCredentialsRefusesTheDevelopmentOnesAndMakesItsOwnOwnerOnly() throws Exception {
        PostCredentials street = PostCredentials.of(config(DISTRIBUTION), false, data, "elm-12");

        assertThat(street.identities().roleOf(new PreSharedKeyIdentity("city-engineer"))).isNull();
        assertThat(street.refusedDevelopmentIdentities()).containsExactly("city-engineer");
        assertThat(street.trustFile()).isEmpty();
        assertThat(street.credentialsFile()).isEmpty();
        assertThat(street.identities().roleOf(new PreSharedKeyIdentity("elm-12-engineer"))).isEqualTo(Role.ENGINEER);
        Path secrets = data.resolve(PostCredentials.PSK_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets))).isEqualTo("rw-------");

        PostCredentials again = PostCredentials.of(config(DISTRIBUTION), false, data, "elm-12");
        assertThat(Files.readString(secrets)).containsPattern("elm-12-reader:reader:[0-9a-f]{32}\n");
        assertThat(again.identities().pskIdentities()).extracting(Identities.Psk::identity)
                .containsExactly("elm-12-reader", "elm-12-operator", "elm-12-engineer");
    }

    @Test
    void twoStreetPostsNeverShareASecret() {
        PostCredentials one = PostCredentials.of(config(DISTRIBUTION), false, data.resolve("a"), "post-1");
        PostCredentials two = PostCredentials.of(config(DISTRIBUTION), false, data.resolve("b"), "post-1");

        assertThat(one.identities().pskIdentities().get(0).secret())
                .isNotEqualTo(two.identities().pskIdentities().get(0).secret());
    }

    @Test
    void aStreetPostTakesTheCitysProvisionedKeysAndMakesNoneOfItsOwn() throws Exception {
        Path secrets = data.resolve(PostCredentials.PSK_FILE);
        Files.createDirectories(secrets.getParent());
        Files.writeString(secrets, "# provisioned at the depot\nanna:engineer:hex:00112233445566778899aabbccddeeff\n");
        Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-------"));

        PostCredentials street = PostCredentials.of(config(DISTRIBUTION), false, data, "post-1");

        assertThat(street.identities().pskIdentities()).extracting(Identities.Psk::identity).containsExactly("anna");
    }

    @Test
    void aSecretFileOthersCanReadIsRefusedByName() throws Exception {
        Path secrets = data.resolve(PostCredentials.PSK_FILE);
        Files.createDirectories(secrets.getParent());
        Files.writeString(secrets, "anna:engineer:hex:00112233445566778899aabbccddeeff\n");
        Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> PostCredentials.of(config(DISTRIBUTION), false, data, "post-1"))
                .hasMessageContaining(secrets.toString()).hasMessageContaining("owner-only")
                .hasMessageNotContaining("00112233");
    }

    @Test
    void aStreetPostWithoutCredentialsFilePresentsItsOwnServerKeyKeptAcrossBootsAndADevelopmentPostNone()
            throws Exception {
        PostCredentials street = PostCredentials.of(config(DISTRIBUTION), false, data, "elm-12");
        Path key = data.resolve(ServerKeyFiles.KEY);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(street.serverKey().chain().get(0).getSubjectX500Principal().getName()).isEqualTo("CN=elm-12");
        assertThat(street.refusedDevelopmentTrustFile()).isEqualTo("security/ca.pem");
        assertThat(data.resolve(ServerKeyFiles.REQUEST)).exists();

        PostCredentials again = PostCredentials.of(config(DISTRIBUTION), false, data, "elm-12");
        assertThat(again.serverKey().key()).isEqualTo(street.serverKey().key());
        assertThat(again.serverKey().chain()).isEqualTo(street.serverKey().chain());

        Path dev = data.resolve("dev");
        PostCredentials development = PostCredentials.of(config(DISTRIBUTION), true, dev, "elm-12");
        assertThat(development.serverKey()).isNull();
        assertThat(development.refusedDevelopmentTrustFile()).isEmpty();
        assertThat(dev.resolve(ServerKeyFiles.KEY)).doesNotExist();
    }

    @Test
    void aStreetPostGivenACredentialsFileMakesNoServerKey() {
        PostCredentials street = PostCredentials.of(config(Map.of("credentials_file", "security/city.pem")), false,
                data, "elm-12");
        assertThat(street.serverKey()).isNull();
        assertThat(data.resolve(ServerKeyFiles.KEY)).doesNotExist();
    }

    @Test
    void theConnectionStoreIsSizedFromNewPeersPerSecondTimesTheStaleThresholdUnlessGiven() {
        assertThat(DtlsEndpoint.maxConnections(config(Map.of()))).as("0.5/s x 600 s").isEqualTo(300);
        assertThat(DtlsEndpoint.maxConnections(config(Map.of("dtls_handshakes_per_s", 2.5,
                "dtls_stale_connection_s", 61)))).as("rounded up").isEqualTo(153);
        assertThat(DtlsEndpoint.maxConnections(config(Map.of("dtls_max_connections", 3)))).isEqualTo(3);
    }

    /** The configuration as Declarative Services makes it: the given values, the annotation's defaults otherwise. */
    private static SecurityConfig config(Map<String, Object> values) {
        return (SecurityConfig) Proxy.newProxyInstance(SecurityConfig.class.getClassLoader(),
                new Class<?>[] { SecurityConfig.class }, (proxy, method, args) -> values.containsKey(method.getName())
                        ? values.get(method.getName()) : method.getDefaultValue());
    }
}
