package org.lampyris.testkit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Certificates made for a test with the JDK's {@code keytool}: a certificate authority, and EC keys it issues
 * certificates for, each also as PEM for a post's or a client's configuration. They are valid for two days.
 */
public final class TestCertificates {
    private static final String PASSWORD = "test-only";

    private TestCertificates() {
    }

    /**
     * A key and its certificate, in a PKCS#12 store of their own (password {@code test-only}).
     *
     * @param store the PKCS#12 file
     * @param alias the key's alias in it
     */
    public record Issued(Path store, String alias, PrivateKey privateKey, X509Certificate certificate) {

        /**
         * Issues a certificate for a new EC key, signed by this one.
         *
         * @param dir where the new key's store is written, as {@code commonName.p12}
         * @param extendedKeyUsage keytool's EKU value, e.g. {@code clientAuth} or {@code serverAuth,clientAuth}
         * @param subjectAltName keytool's SAN value, e.g. {@code ip:127.0.0.1}; {@code null} for none
         */
        public Issued issue(Path dir, String commonName, String extendedKeyUsage, String subjectAltName)
                throws IOException, InterruptedException, GeneralSecurityException {
            Path keystore = dir.resolve(commonName + ".p12");
            keytool("-genkeypair", "-alias", commonName, "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                    "CN=" + commonName, "-validity", "2", "-keystore", keystore.toString());
            Path csr = dir.resolve(commonName + ".csr");
            keytool("-certreq", "-alias", commonName, "-keystore", keystore.toString(), "-file", csr.toString());
            Path crt = dir.resolve(commonName + ".crt");
            List<String> gencert = new ArrayList<>(List.of("-gencert", "-alias", alias, "-keystore",
                    store.toString(), "-infile", csr.toString(), "-outfile", crt.toString(), "-validity", "2",
                    "-ext", "EKU=" + extendedKeyUsage));
            if (subjectAltName != null) {
                gencert.addAll(List.of("-ext", "SAN=" + subjectAltName));
            }
            keytool(gencert.toArray(String[]::new));
            X509Certificate cert;
            try (InputStream in = Files.newInputStream(crt)) {
                cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            }
            return new Issued(keystore, commonName, load(keystore, commonName).privateKey(), cert);
        }

        /** @return the private key as PEM ({@code PRIVATE KEY}, PKCS#8) */
        public String privateKeyPem() {
            return pem("PRIVATE KEY", privateKey.getEncoded());
        }

        /** @return the certificate as PEM */
        public String certificatePem() throws CertificateEncodingException {
            return pem("CERTIFICATE", certificate.getEncoded());
        }
    }

    /**
     * Makes a self-signed certificate authority.
     *
     * @param dir where its store is written, as {@code ca.p12}
     * @param name its common name
     */
    public static Issued authority(Path dir, String name)
            throws IOException, InterruptedException, GeneralSecurityException {
        Path keystore = dir.resolve("ca.p12");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-ext", "bc:c", "-validity", "2", "-keystore", keystore.toString());
        return load(keystore, "ca");
    }

    private static Issued load(Path keystore, String alias) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = new ByteArrayInputStream(Files.readAllBytes(keystore))) {
            ks.load(in, PASSWORD.toCharArray());
        }
        return new Issued(keystore, alias, (PrivateKey) ks.getKey(alias, PASSWORD.toCharArray()),
                (X509Certificate) ks.getCertificate(alias));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass",
                PASSWORD, "-noprompt"));
        command.addAll(List.of(args));
        JdkTool.run("keytool", command);
    }
}
