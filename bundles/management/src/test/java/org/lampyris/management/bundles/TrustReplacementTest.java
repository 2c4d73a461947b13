package org.lampyris.management.bundles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lampyris.testkit.SigningKey;
import org.lampyris.testkit.TestJar;

/**
 * A post's code-signing trust store changes only by a JAR signed under the authority it trusts now (or, for its very
 * first one, under the authority it installs), and a refused one changes nothing.
 */
class TrustReplacementTest {
    @TempDir
    static Path keys;
    static SigningKey city;
    static SigningKey nextCity;
    static SigningKey stranger;

    @TempDir
    Path data;

    @BeforeAll
    static void makeKeys() throws Exception {
        city = SigningKey.stranger(Files.createDirectories(keys.resolve("city")));
        nextCity = SigningKey.stranger(Files.createDirectories(keys.resolve("next")));
        stranger = SigningKey.stranger(Files.createDirectories(keys.resolve("stranger")));
    }

    private Path trustFile() {
        return data.resolve("security/code-signing-ca.pem");
    }

    private SignedBundleCheck streetCheck() throws Exception {
        return SignedBundleCheck.provisionedBy(trustFile(), "provision it").distrusting(TestJars.DEV_TRUST);
    }

    private Path provisioned(SigningKey authority) throws Exception {
        Files.createDirectories(trustFile().getParent());
        return Files.writeString(trustFile(), authority.certificatePem());
    }

    private static byte[] trustJar(String pem) {
        return TestJar.plain().entry(TrustReplacement.ENTRY, pem).bytes();
    }

    private static byte[] bundleSignedBy(SigningKey key) throws Exception {
        return key.sign(TestJar.bundle("vendor.lamp", "1.0.0").entry("data.txt", "lamp").bytes());
    }

    private void assertVerifies(SignedBundleCheck check, byte[] jar) throws Exception {
        Path file = Files.write(Files.createTempFile(data, "bundle", ".jar"), jar);
        assertThat(check.verify(file).symbolicName()).isEqualTo("vendor.lamp");
    }

    private void assertRefusedBy(SignedBundleCheck check, byte[] jar) throws Exception {
        Path file = Files.write(Files.createTempFile(data, "bundle", ".jar"), jar);
        assertThatThrownBy(() -> check.verify(file)).isInstanceOf(Refusal.class);
    }

    @Test
    void aTrustStoreSignedUnderTheCurrentAuthorityReplacesItAndTheNextBundleCheckUsesIt() throws Exception {
        provisioned(city);
        SignedBundleCheck check = streetCheck();
        TrustReplacement replacement = new TrustReplacement(check);
        assertThat(replacement.authorities()).singleElement().satisfies(a -> {
            assertThat(a.subject()).isEqualTo("CN=Stranger");
            assertThat(a.sha256()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        });

        TrustReplacement.Replaced replaced = replacement.replace(city.sign(trustJar(nextCity.certificatePem())),
                "psk anna");

        assertThat(replaced.first()).isFalse();
        assertThat(replaced.signer()).isEqualTo("Stranger");
        assertThat(Files.readString(trustFile())).isEqualTo(nextCity.certificatePem());
        assertVerifies(check, bundleSignedBy(nextCity));
        assertRefusedBy(check, bundleSignedBy(city));
        assertThat(Files.list(trustFile().getParent())).as("nothing staged is left")
                .containsExactly(trustFile());
    }

    @Test
    void aTrustStoreSignedByAStrangerIsRefusedAndNothingChanges() throws Exception {
        provisioned(city);
        TrustReplacement replacement = new TrustReplacement(streetCheck());

        assertThatThrownBy(() -> replacement.replace(stranger.sign(trustJar(stranger.certificatePem())), "psk eve"))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.cause()).isEqualTo(Refusal.Cause.UNTRUSTED))
                .hasMessageContaining("does not trust");
        assertThatThrownBy(() -> replacement.replace(trustJar(stranger.certificatePem()), "psk eve"))
                .as("unsigned").isInstanceOfSatisfying(Refusal.class,
                        r -> assertThat(r.cause()).isEqualTo(Refusal.Cause.UNTRUSTED))
                .hasMessageContaining("not signed");

        assertThat(Files.readString(trustFile())).isEqualTo(city.certificatePem());
    }

    @Test
    void aTrustStoreWithoutUsableCertificatesIsRefusedWithTheReason() throws Exception {
        provisioned(city);
        TrustReplacement replacement = new TrustReplacement(streetCheck());

        assertThatThrownBy(() -> replacement.replace(city.sign(TestJar.plain().entry("other.pem",
                nextCity.certificatePem()).bytes()), "psk anna")).hasMessageContaining("holds no code-signing-ca.pem");
        assertThatThrownBy(() -> replacement.replace(city.sign(trustJar("just words\n")), "psk anna"))
                .hasMessageContaining("holds no certificate");
        assertThatThrownBy(() -> replacement.replace(city.sign(trustJar(nextCity.certificatePem()
                + "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")), "psk anna"))
                .hasMessageContaining("holds a private key");
        assertThatThrownBy(() -> replacement.replace(city.sign(trustJar(Files.readString(TestJars.DEV_TRUST))),
                "psk anna")).as("a street post's new trust store").hasMessageContaining("public development");
        assertThatThrownBy(() -> replacement.replace("not a jar".getBytes(), "psk anna"))
                .hasMessageContaining("not a valid JAR");

        assertThat(Files.readString(trustFile())).isEqualTo(city.certificatePem());
    }

    @Test
    void aPostWithoutTrustTakesItsFirstTrustStoreOnlySignedUnderTheAuthorityItInstalls() throws Exception {
        SignedBundleCheck check = streetCheck();
        TrustReplacement replacement = new TrustReplacement(check);
        assertThat(replacement.authorities()).isEmpty();

        assertThatThrownBy(() -> replacement.replace(stranger.sign(trustJar(city.certificatePem())), "psk anna"))
                .isInstanceOf(Refusal.class).hasMessageContaining("does not trust");
        assertThat(trustFile()).doesNotExist();

        TrustReplacement.Replaced first = replacement.replace(city.sign(trustJar(city.certificatePem())), "psk anna");

        assertThat(first.first()).isTrue();
        assertVerifies(check, bundleSignedBy(city));
    }
}
