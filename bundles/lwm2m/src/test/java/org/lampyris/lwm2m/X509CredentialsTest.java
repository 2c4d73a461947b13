package org.lampyris.lwm2m;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPrivateKey;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lampyris.testkit.EcTestKey;

/** The post's X.509 identity for its LwM2M server, read from PEM files in the forms openssl writes. */
class X509CredentialsTest {
    @TempDir
    static Path conf;
    static EcTestKey post;

    @BeforeAll
    static void makeKeys() throws Exception {
        post = EcTestKey.generate(conf, "post-1");
        // The server's certificate is the post's own here: one key made by keytool is enough.
        Files.writeString(conf.resolve("server.pem"), post.certificatePem());
    }

    @Test
    void anEcPrivateKeyFileAsOpensslEcparamWritesItIsRead() throws Exception {
        Files.writeString(conf.resolve("post-ec.pem"), post.ecPrivateKeyPem() + post.certificatePem());

        X509Credentials read = X509Credentials.read(conf, "post-ec.pem", "server.pem");

        assertThat(((ECPrivateKey) read.privateKey()).getS()).isEqualTo(post.privateKey().getS());
        assertThat(read.certificate()).isEqualTo(post.certificate());
        assertThat(read.serverCertificate()).isEqualTo(post.certificate());
        assertThat(read.security("coaps://dm.city.example:5684", 1)).isNotNull();
    }

    @Test
    void aPkcs8KeyAfterItsCertificateIsRead() throws Exception {
        Files.writeString(conf.resolve("post-pkcs8.pem"), post.certificatePem() + post.pkcs8Pem());

        X509Credentials read = X509Credentials.read(conf, "post-pkcs8.pem", "server.pem");

        assertThat(((ECPrivateKey) read.privateKey()).getS()).isEqualTo(post.privateKey().getS());
        assertThat(read.certificate()).isEqualTo(post.certificate());
    }

    @Test
    void aFileWithoutWhatItMustHoldIsNamedWithTheSettingAndTheProblem() throws Exception {
        Files.writeString(conf.resolve("key-only.pem"), post.ecPrivateKeyPem());
        Files.writeString(conf.resolve("garbled.pem"), "-----BEGIN EC PRIVATE KEY-----\nAAAA\n"
                + "-----END EC PRIVATE KEY-----\n");

        assertThatThrownBy(() -> X509Credentials.read(conf, "server.pem", "server.pem"))
                .hasMessage("x509.credentials: " + conf.resolve("server.pem")
                        + " holds no private key (PEM PRIVATE KEY or EC PRIVATE KEY)");
        assertThatThrownBy(() -> X509Credentials.read(conf, "key-only.pem", "server.pem"))
                .hasMessage("x509.credentials: " + conf.resolve("key-only.pem") + " holds no certificate");
        assertThatThrownBy(() -> X509Credentials.read(conf, "garbled.pem", "server.pem"))
                .hasMessageStartingWith("x509.credentials: " + conf.resolve("garbled.pem")
                        + " cannot be read as PEM: ");
        Files.writeString(conf.resolve("post-ec.pem"), post.ecPrivateKeyPem() + post.certificatePem());
        assertThatThrownBy(() -> X509Credentials.read(conf, "post-ec.pem", "absent.pem"))
                .hasMessage("x509.server.certificate: " + conf.resolve("absent.pem") + " does not exist");
    }
}
