package org.lampyris.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignedJarTest {
    @TempDir
    Path dir;

    @Test
    void aBundleSignedWithAStrangersKeyCarriesTheStrangersSignatureOnItsEntries() throws Exception {
        SigningKey stranger = SigningKey.stranger(dir);
        Path jar = TestJar.bundle("vendor.test.lamp", "1.0.0").entry("lamp/data.txt", "lamp data").classOf(getClass())
                .writeTo(dir.resolve("lamp.jar"));

        stranger.sign(jar);

        try (JarFile signed = new JarFile(jar.toFile(), true)) {
            assertThat(signed.getManifest().getMainAttributes().getValue("Bundle-SymbolicName"))
                    .isEqualTo("vendor.test.lamp");
            JarEntry data = signed.getJarEntry("lamp/data.txt");
            assertThat(new String(signed.getInputStream(data).readAllBytes())).isEqualTo("lamp data");
            X509Certificate signer = (X509Certificate) data.getCodeSigners()[0].getSignerCertPath()
                    .getCertificates().get(0);
            assertThat(signer.getSubjectX500Principal().getName()).isEqualTo("CN=Stranger");
            assertThat(signed.getJarEntry(getClass().getName().replace('.', '/') + ".class")).isNotNull();
        }
    }

    @Test
    void theNextReleaseOfABundleKeepsItsContentWithAnotherVersion() throws Exception {
        byte[] first = TestJar.bundle("vendor.test.lamp", "1.0.0").entry("lamp/data.txt", "lamp data").bytes();

        Path next = TestJar.of(first).header("Bundle-Version", "1.1.0").writeTo(dir.resolve("next.jar"));

        try (JarFile jar = new JarFile(next.toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Bundle-Version")).isEqualTo("1.1.0");
            assertThat(jar.getManifest().getMainAttributes().getValue("Bundle-SymbolicName"))
                    .isEqualTo("vendor.test.lamp");
            assertThat(new String(jar.getInputStream(jar.getJarEntry("lamp/data.txt")).readAllBytes()))
                    .isEqualTo("lamp data");
        }
    }
}
