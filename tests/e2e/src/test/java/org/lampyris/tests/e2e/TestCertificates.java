package org.lampyris.tests.e2e;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Certificates made for a test with the JDK's keytool: a CA, and EC keys it issues certificates for. */
final class TestCertificates {
    private static final String PASSWORD = "test-only";

    private TestCertificates() {
    }

    /** A key and its certificate, in a PKCS#12 store of their own. */
    record Issued(Path store, String alias, PrivateKey privateKey, X509Certificate certificate) {

        /** @return a certificate for a new EC key, issued by this one */
        Issued issue(Path dir, String commonName, String extendedKeyUsage, String subjectAltName) throws Exception {
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

        String privateKeyPem() {
            return pem("PRIVATE KEY", privateKey.getEncoded());
        }

        String certificatePem() throws Exception {
            return pem("CERTIFICATE", certificate.getEncoded());
        }
    }

    /** @return a self-signed certificate authority */
    static Issued authority(Path dir, String name) throws Exception {
        Path keystore = dir.resolve("ca.p12");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-ext", "bc:c", "-validity", "2", "-keystore", keystore.toString());
        return load(keystore, "ca");
    }

    private static Issued load(Path keystore, String alias) throws Exception {
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
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString(), "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD, "-noprompt"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }
}
