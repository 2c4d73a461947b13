package org.lampyris.runtime;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFilesTest {
    @TempDir
    Path data;

    @Test
    void aPostStartsWithOwnerOnlySecretsAndPublicCertificates() throws Exception {
        Path security = Files.createDirectories(data.resolve("security"));
        Files.writeString(security.resolve("psk.secret"), "anna:engineer:0123456789abcdef");
        Files.setPosixFilePermissions(security.resolve("psk.secret"), PosixFilePermissions.fromString("rw-------"));
        Files.writeString(security.resolve("code-signing-ca.pem"), "a certificate, public");
        Files.setPosixFilePermissions(security.resolve("code-signing-ca.pem"),
                PosixFilePermissions.fromString("rw-r--r--"));

        assertThatCode(() -> SecretFiles.checkOwnerOnly(data)).doesNotThrowAnyException();
    }

    @Test
    void aSecretOthersCanReadStopsTheStartNamingTheFile() throws Exception {
        Path secret = Files.createDirectories(data.resolve("security")).resolve("psk.secret");
        Files.writeString(secret, "anna:engineer:0123456789abcdef");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r-----"));

        assertThatThrownBy(() -> SecretFiles.checkOwnerOnly(data)).isInstanceOf(StartupException.class)
                .hasMessageContaining("the secret file " + secret).hasMessageContaining("chmod 600")
                .hasMessageNotContaining("0123456789abcdef");
    }
}
