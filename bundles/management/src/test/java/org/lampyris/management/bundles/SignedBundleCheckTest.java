package org.lampyris.management.bundles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lampyris.testkit.SigningKey;
import org.osgi.framework.Version;

class SignedBundleCheckTest {
    @TempDir
    static Path dir;
    static Path signed;

    private final SignedBundleCheck check = new SignedBundleCheck(TestJars.DEV_TRUST);

    @BeforeAll
    static void signOnce() throws Exception {
        signed = TestJars.DEVELOPMENT_SIGNER.sign(TestJars.bundle(dir, "vendor.lamp", "1.2.0"));
    }

    @Test
    void aBundleSignedByATrustedSignerIsAcceptedWithItsSigner() throws Exception {
        VerifiedBundle v = check.verify(signed);
        assertThat(v.symbolicName()).isEqualTo("vendor.lamp");
        assertThat(v.version()).isEqualTo(Version.parseVersion("1.2.0"));
        assertThat(v.signer()).isEqualTo("Lampyris development signer");
    }

    @Test
    void aStreetPostRefusesEveryBundleUntilTheCityProvisionsItsAuthoritySayingHow() throws Exception {
        Path cityTrust = Files.createTempDirectory(dir, "street").resolve("code-signing-ca.pem");
        SignedBundleCheck street = SignedBundleCheck.provisionedBy(cityTrust, "provision it as " + cityTrust);

        assertThatThrownBy(() -> street.verify(signed)).isInstanceOfSatisfying(Refusal.class,
                r -> assertThat(r.cause()).isEqualTo(Refusal.Cause.UNTRUSTED))
                .hasMessageContaining("provision it as " + cityTrust);

        Files.copy(TestJars.DEV_TRUST, cityTrust);
        assertThat(street.verify(signed).signer()).as("trusted once provisioned")
                .isEqualTo("Lampyris development signer");
    }

    @Test
    void aStreetPostNeverTrustsTheDevelopmentAuthorityEvenWhereItsTrustStoreListsIt() throws Exception {
        SignedBundleCheck street = check.distrusting(TestJars.DEV_TRUST);

        assertThatThrownBy(() -> street.verify(signed)).isInstanceOfSatisfying(Refusal.class,
                r -> assertThat(r.cause()).isEqualTo(Refusal.Cause.UNTRUSTED))
                .hasMessageContaining("only the public development code-signing authority");
    }

    @Test
    void anUnsignedBundleIsRefused() throws Exception {
        Path unsigned = TestJars.bundle(Files.createTempDirectory(dir, "u"), "vendor.lamp", "1.2.0");
        assertRefused(unsigned, "not signed");
    }

    @Test
    void aBundleWhoseEntryChangedAfterSigningIsRefused() throws Exception {
        Path tampered = TestJars.rewrite(signed, dir.resolve("tampered.jar"), entries -> {
            entries.put("org/example/Data.txt", "evil data".getBytes(StandardCharsets.UTF_8));
            return entries;
        });
        assertRefused(tampered, "signature does not match");
    }

    @Test
    void aBundleWithAnEntryAddedAfterSigningIsRefused() throws Exception {
        Path added = TestJars.rewrite(signed, dir.resolve("added.jar"), entries -> {
            entries.put("org/example/Extra.txt", "smuggled".getBytes(StandardCharsets.UTF_8));
            return entries;
        });
        assertRefused(added, "signature does not match");
    }

    @Test
    void aBundleWhoseVersionWasRaisedAfterSigningIsRefused() throws Exception {
        Path raised = TestJars.rewrite(signed, dir.resolve("raised.jar"), entries -> {
            String mf = new String(entries.get("META-INF/MANIFEST.MF"), StandardCharsets.UTF_8);
            entries.put("META-INF/MANIFEST.MF", mf.replace("Bundle-Version: 1.2.0", "Bundle-Version: 9.0.0")
                    .getBytes(StandardCharsets.UTF_8));
            return entries;
        });
        assertRefused(raised, "signature does not match");
    }

    @Test
    void aTruncatedUploadIsRefusedAsNotAValidJar() throws Exception {
        byte[] whole = Files.readAllBytes(signed);
        Path truncated = Files.write(dir.resolve("truncated.jar"), Arrays.copyOf(whole, whole.length / 2));
        assertRefused(truncated, "not a valid JAR");
    }

    @Test
    void somethingThatIsNotAJarIsRefused() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.jar"), "hello, lamp post");
        assertRefused(text, "not a valid JAR");
    }

    @Test
    void aSignedJarThatIsNotABundleIsRefused() throws Exception {
        Path plain = TestJars.bundle(Files.createTempDirectory(dir, "p"), null, "1");
        TestJars.DEVELOPMENT_SIGNER.sign(plain);
        assertRefused(plain, "not an OSGi bundle");
    }

    @Test
    void aBundleSignedByAnUnknownSignerIsRefusedNamingTheSigner() throws Exception {
        Path strangers = Files.createTempDirectory(dir, "s");
        Path jar = SigningKey.stranger(strangers).sign(TestJars.bundle(strangers, "vendor.lamp", "1.3.0"));
        assertThatThrownBy(() -> check.verify(jar)).isInstanceOfSatisfying(Refusal.class, r -> {
            assertThat(BundlesResource.code(r.cause())).isEqualTo(400);
            assertThat(r.getMessage()).isEqualTo(
                    "signed by CN=Stranger, which the trust store code-signing-ca.pem does not trust");
            assertThat(r.bsn()).isEqualTo("vendor.lamp");
        });
    }

    private void assertRefused(Path jar, String reason) {
        assertThatThrownBy(() -> check.verify(jar)).isInstanceOfSatisfying(Refusal.class, r -> {
            assertThat(BundlesResource.code(r.cause())).isEqualTo(400);
            assertThat(r.getMessage()).startsWith(reason);
        });
    }
}
