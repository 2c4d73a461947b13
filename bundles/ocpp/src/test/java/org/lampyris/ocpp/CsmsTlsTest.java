package org.lampyris.ocpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lampyris.testkit.TestCertificates;

class CsmsTlsTest {
    @TempDir
    Path conf;

    @Test
    void withoutTlsSettingsTheJvmDefaultsApply() {
        assertThat(CsmsTls.context(conf, "", "")).isNull();
    }

    @Test
    void aTrustedCertificateAndClientCredentialsInPemMakeAContext() throws Exception {
        TestCertificates.Issued ca = TestCertificates.authority(conf, "city-ca");
        TestCertificates.Issued post = ca.issue(conf, "post", "clientAuth", null);
        Files.writeString(conf.resolve("ca.pem"), ca.certificatePem());
        Files.writeString(conf.resolve("post.pem"), post.privateKeyPem() + post.certificatePem());
        assertThat(CsmsTls.context(conf, "ca.pem", "post.pem")).isNotNull();
    }

    @Test
    void aMissingFileOrAKeylessCredentialIsRefusedNamingTheSetting() throws Exception {
        assertThatThrownBy(() -> CsmsTls.context(conf, "nowhere.pem", ""))
                .hasMessageContaining("csms.certificate").hasMessageContaining("nowhere.pem");
        TestCertificates.Issued ca = TestCertificates.authority(conf, "city-ca");
        Files.writeString(conf.resolve("ca.pem"), ca.certificatePem());
        assertThatThrownBy(() -> CsmsTls.context(conf, "", "ca.pem"))
                .hasMessage("client.credentials ca.pem holds no PRIVATE KEY (PKCS#8)");
    }
}
