package org.lampyris.lampctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPrivateKey;

import org.eclipse.californium.elements.util.SslContextUtil;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lampyris.testkit.EcTestKey;

/** An engineer's client certificate, key and authority in PEM files, in the forms openssl writes. */
class CredentialsTest {
    @TempDir
    static Path dir;
    static EcTestKey engineer;
    static Path crt;
    static Path ca;

    @BeforeAll
    static void makeKey() throws Exception {
        engineer = EcTestKey.generate(dir, "engineer-anna");
        crt = Files.writeString(dir.resolve("engineer-anna.crt"), engineer.certificatePem());
        // Self-signed: the certificate is its own authority here.
        ca = Files.writeString(dir.resolve("ca.pem"), engineer.certificatePem());
    }

    @Test
    void aKeyInTheEcPrivateKeyFormOfOpensslEcparamIsRead() throws Exception {
        Path key = Files.writeString(dir.resolve("engineer-anna-ec.key"), engineer.ecPrivateKeyPem());

        SslContextUtil.Credentials identity = new Credentials.Certificate(crt, key, ca).identity();

        assertThat(((ECPrivateKey) identity.getPrivateKey()).getS()).isEqualTo(engineer.privateKey().getS());
        assertThat(identity.getCertificateChain()).containsExactly(engineer.certificate());
        assertThat(new Credentials.Certificate(crt, key, ca).authorities()).containsExactly(engineer.certificate());
    }

    @Test
    void aCertificateFileMayHoldItsPkcs8KeyToo() throws Exception {
        Path both = Files.writeString(dir.resolve("engineer-anna.pem"), engineer.pkcs8Pem()
                + engineer.certificatePem());

        SslContextUtil.Credentials identity = new Credentials.Certificate(both, null, ca).identity();

        assertThat(((ECPrivateKey) identity.getPrivateKey()).getS()).isEqualTo(engineer.privateKey().getS());
        assertThat(identity.getCertificateChain()).containsExactly(engineer.certificate());
    }

    @Test
    void aFileWithoutWhatItMustHoldIsNamedWithItsOptionAndTheProblem() throws Exception {
        Path key = Files.writeString(dir.resolve("only.key"), engineer.ecPrivateKeyPem());
        Path garbled = Files.writeString(dir.resolve("garbled.key"), "-----BEGIN EC PRIVATE KEY-----\nAAAA\n"
                + "-----END EC PRIVATE KEY-----\n");
        Path absent = dir.resolve("absent.pem");

        assertThatThrownBy(() -> new Credentials.Certificate(crt, null, ca).identity())
                .hasMessage("--cert " + crt + ": holds no private key (PEM PRIVATE KEY or EC PRIVATE KEY)");
        assertThatThrownBy(() -> new Credentials.Certificate(key, key, ca).identity())
                .hasMessage("--cert " + key + ": holds no certificate (PEM CERTIFICATE)");
        assertThatThrownBy(() -> new Credentials.Certificate(crt, garbled, ca).identity())
                .hasMessageStartingWith("--key " + garbled + ": cannot be read as PEM: ");
        assertThatThrownBy(() -> new Credentials.Certificate(crt, key, absent).authorities())
                .hasMessage("--ca " + absent + ": no such file");
    }
}
