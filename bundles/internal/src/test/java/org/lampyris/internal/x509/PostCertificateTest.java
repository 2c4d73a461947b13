package org.lampyris.internal.x509;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import javax.naming.ldap.LdapName;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostCertificateTest {
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aSelfSignedCertificateParsesVerifiesWithItsOwnKeyAndNamesThePost() throws Exception {
        KeyPair keys = PostCertificate.newKeyPair();
        X509Certificate certificate = PostCertificate.selfSigned(keys, "elm-12", NOW);

        certificate.verify(keys.getPublic());
        certificate.checkValidity(java.util.Date.from(NOW));
        assertThat(new LdapName(certificate.getSubjectX500Principal().getName()).getRdns())
                .singleElement().hasToString("CN=elm-12");
        assertThat(certificate.getIssuerX500Principal()).isEqualTo(certificate.getSubjectX500Principal());
        assertThat(certificate.getPublicKey()).isEqualTo(keys.getPublic());
        assertThat(certificate.getVersion()).isEqualTo(3);
        assertThat(certificate.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(certificate.getBasicConstraints()).as("not an authority").isEqualTo(-1);
        assertThat(certificate.getKeyUsage()[0]).as("digital signature").isTrue();
        assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(certificate.getCriticalExtensionOIDs()).containsExactlyInAnyOrder("2.5.29.19", "2.5.29.15");
        assertThat(Duration.between(certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant()))
                .isGreaterThanOrEqualTo(Duration.ofDays(20 * 365));
        assertThat(certificate.getNotBefore().toInstant()).isBefore(NOW);
    }

    @Test
    void twoPostsGetDifferentKeysAndSerialNumbers() throws Exception {
        X509Certificate one = PostCertificate.selfSigned(PostCertificate.newKeyPair(), "twin", NOW);
        X509Certificate two = PostCertificate.selfSigned(PostCertificate.newKeyPair(), "twin", NOW);
        assertThat(one.getPublicKey()).isNotEqualTo(two.getPublicKey());
        assertThat(one.getSerialNumber()).isNotEqualTo(two.getSerialNumber());
        assertThat(PostCertificate.fingerprint(one)).isNotEqualTo(PostCertificate.fingerprint(two))
                .matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
    }

    @Test
    void aCertificateRequestIsSignedByTheKeyItAsksACertificateFor() throws Exception {
        KeyPair keys = PostCertificate.newKeyPair();
        byte[] request = PostCertificate.request(keys, "elm-12");

        List<byte[]> parts = children(request);
        assertThat(parts).hasSize(3);
        byte[] info = parts.get(0);
        byte[] signatureBits = parts.get(2);
        assertThat(signatureBits[0]).as("a BIT STRING").isEqualTo((byte) 0x03);
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(keys.getPublic());
        verifier.update(info);
        assertThat(verifier.verify(Arrays.copyOfRange(signatureBits, contentStart(signatureBits) + 1,
                signatureBits.length))).isTrue();
        assertThat(new String(info, StandardCharsets.UTF_8)).contains("elm-12");
    }

    @Test
    void opensslAcceptsTheCertificateRequestAndTheCertificate() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
        KeyPair keys = PostCertificate.newKeyPair();
        Path csr = Files.write(dir.resolve("server.csr"), PemCredentials.pem("CERTIFICATE REQUEST",
                PostCertificate.request(keys, "elm-12")).getBytes(StandardCharsets.US_ASCII));
        assertThat(openssl("req", "-in", csr.toString(), "-verify", "-noout", "-subject"))
                .contains("CN = elm-12").containsIgnoringCase("verify ok");
        Path crt = Files.writeString(dir.resolve("server.crt"),
                PemCredentials.certificate(PostCertificate.selfSigned(keys, "elm-12", Instant.now())));
        assertThat(openssl("verify", "-CAfile", crt.toString(), "-purpose", "sslserver", crt.toString()))
                .contains(": OK");
    }

    @Test
    void timesFrom2050AreGeneralizedTimeAndLongContentsGetLongLengths() {
        assertThat(Der.time(Instant.parse("2049-12-31T23:59:59Z").atZone(ZoneOffset.UTC))[0]).isEqualTo((byte) 0x17);
        assertThat(Der.time(Instant.parse("2050-01-01T00:00:00Z").atZone(ZoneOffset.UTC))[0]).isEqualTo((byte) 0x18);
        assertThat(Der.octets(new byte[200])).startsWith(0x04, 0x81, 200);
        assertThat(Der.octets(new byte[300])).startsWith(0x04, 0x82, 0x01, 0x2C);
        assertThat(Der.oid("1.2.840.10045.4.3.2")).containsExactly(0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04,
                0x03, 0x02);
        assertThat(Der.namedBits(0)).containsExactly(0x03, 0x02, 0x07, 0x80);
    }

    @Test
    void aKeyAndItsCertificateReadBackFromPemAndAForeignKeyIsRefused() throws Exception {
        KeyPair keys = PostCertificate.newKeyPair();
        X509Certificate certificate = PostCertificate.selfSigned(keys, "elm-12", NOW);
        String pem = new PemCredentials(keys.getPrivate(), List.of(certificate)).toPem();

        PemCredentials read = PemCredentials.parse(pem, "server.pem");
        assertThat(read.key()).isEqualTo(keys.getPrivate());
        assertThat(read.chain()).containsExactly(certificate);
        assertThat(read.toString()).doesNotContain(pem.substring(30, 60));

        String foreign = PemCredentials.pem("PRIVATE KEY", PostCertificate.newKeyPair().getPrivate().getEncoded())
                + PemCredentials.certificate(certificate);
        assertThatThrownBy(() -> PemCredentials.parse(foreign, "city.pem")).hasMessage(
                "city.pem: the private key does not belong to the certificate CN=elm-12");
        assertThatThrownBy(() -> PemCredentials.parse(PemCredentials.certificate(certificate), "cert.pem"))
                .hasMessageContaining("cert.pem holds no private key");
        assertThatThrownBy(() -> PemCredentials.parse("-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE "
                + "KEY-----\n", "sec1.pem")).hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
        assertThatThrownBy(() -> PemCredentials.certificates("-----BEGIN CERTIFICATE-----\nAAAA\n-----END "
                + "CERTIFICATE-----\n", "broken.pem")).hasMessageStartingWith("broken.pem: certificate 1 is not");
    }

    private static String openssl(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(output).isZero();
        return output;
    }

    /** @return the elements of a DER SEQUENCE, each whole (tag, length, content) */
    private static List<byte[]> children(byte[] sequence) {
        List<byte[]> children = new java.util.ArrayList<>();
        int at = contentStart(sequence);
        while (at < sequence.length) {
            byte[] rest = Arrays.copyOfRange(sequence, at, sequence.length);
            int length = contentStart(rest) + contentLength(rest);
            children.add(Arrays.copyOfRange(rest, 0, length));
            at += length;
        }
        return children;
    }

    private static int contentStart(byte[] element) {
        int first = element[1] & 0xFF;
        return first < 0x80 ? 2 : 2 + (first & 0x7F);
    }

    private static int contentLength(byte[] element) {
        int first = element[1] & 0xFF;
        if (first < 0x80) {
            return first;
        }
        int length = 0;
        for (int i = 0; i < (first & 0x7F); i++) {
            length = length << 8 | element[2 + i] & 0xFF;
        }
        return length;
    }
}
