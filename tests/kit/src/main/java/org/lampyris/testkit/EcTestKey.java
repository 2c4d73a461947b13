package org.lampyris.testkit;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPoint;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/**
 * An EC P-256 key with a self-signed certificate, made by the JDK's keytool for one test (no private key is
 * committed), and written in the PEM forms openssl writes.
 */
public record EcTestKey(ECPrivateKey privateKey, X509Certificate certificate) {
    private static final String PASSWORD = "test-only";

    public static EcTestKey generate(Path dir, String name) throws Exception {
        Path store = dir.resolve(name + ".p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        return new EcTestKey((ECPrivateKey) keys.getKey(name, PASSWORD.toCharArray()),
                (X509Certificate) keys.getCertificate(name));
    }

    /** @return the key as {@code BEGIN PRIVATE KEY} (PKCS#8) */
    public String pkcs8Pem() {
        return pem("PRIVATE KEY", privateKey.getEncoded());
    }

    /**
     * @return the key as {@code BEGIN EC PRIVATE KEY}: SEC 1 (RFC 5915) with the curve and the public key, as
     *         {@code openssl ecparam -genkey} writes it
     */
    public String ecPrivateKeyPem() {
        ECPoint w = ((ECPublicKey) certificate.getPublicKey()).getW();
        ByteArrayOutputStream der = new ByteArrayOutputStream();
        // SEQUENCE { INTEGER 1, OCTET STRING (32 bytes) d, ...
        der.writeBytes(HexFormat.of().parseHex("3077020101" + "0420"));
        der.writeBytes(unsigned32(privateKey.getS()));
        // ... [0] OID prime256v1, [1] BIT STRING uncompressed point 04 || x || y }
        der.writeBytes(HexFormat.of().parseHex("a00a06082a8648ce3d030107" + "a14403420004"));
        der.writeBytes(unsigned32(w.getAffineX()));
        der.writeBytes(unsigned32(w.getAffineY()));
        return pem("EC PRIVATE KEY", der.toByteArray());
    }

    public String certificatePem() throws CertificateEncodingException {
        return pem("CERTIFICATE", certificate.getEncoded());
    }

    private static byte[] unsigned32(BigInteger n) {
        byte[] signed = n.toByteArray();
        byte[] fixed = new byte[32];
        int length = Math.min(signed.length, 32);
        System.arraycopy(signed, signed.length - length, fixed, 32 - length, length);
        return fixed;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
