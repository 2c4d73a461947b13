package org.lampyris.internal.x509;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;

/**
 * A post's own server key pair (EC P-256), the self-signed certificate it presents until a city signs one, and the
 * certificate signing request (PKCS#10, RFC 2986) a city's authority signs. The JDK reads certificates but has no
 * public way to make one; these are the few structures of RFC 5280 a server certificate needs, signed with
 * {@code SHA256withECDSA}.
 */
public final class PostCertificate {
    /** How long a post's own certificate is valid: about the life of a lamp-post controller. */
    public static final Duration VALIDITY = Duration.ofDays(20 * 365 + 5);
    /**
     * How far before its making a post's own certificate is valid from, so that a peer whose clock is behind (or a
     * post whose clock is set later) still accepts it.
     */
    public static final Duration BACKDATE = Duration.ofDays(1);
    private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
    private static final String COMMON_NAME = "2.5.4.3";
    private static final String BASIC_CONSTRAINTS = "2.5.29.19";
    private static final String KEY_USAGE = "2.5.29.15";
    private static final String EXTENDED_KEY_USAGE = "2.5.29.37";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String EXTENSION_REQUEST = "1.2.840.113549.1.9.14";
    private static final int DIGITAL_SIGNATURE = 0;

    private PostCertificate() {
    }

    /** @return a new EC key pair on the P-256 curve (secp256r1), from the system's strong random source */
    public static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        return generator.generateKeyPair();
    }

    /**
     * @param keys an EC key pair
     * @param commonName the subject's and issuer's common name, the post id
     * @param now the moment of making; the certificate is valid from {@link #BACKDATE} before it for
     *            {@link #VALIDITY}
     * @return a self-signed X.509 v3 server certificate: not a CA, digital signature, server authentication
     */
    public static X509Certificate selfSigned(KeyPair keys, String commonName, Instant now)
            throws GeneralSecurityException {
        byte[] name = name(commonName);
        byte[] serial = new byte[16];
        new SecureRandom().nextBytes(serial);
        byte[] tbs = Der.sequence(
                Der.explicit(0, Der.integer(BigInteger.TWO)), // v3
                Der.integer(new BigInteger(1, serial)),
                algorithm(),
                name,
                Der.sequence(Der.time(now.minus(BACKDATE).atZone(ZoneOffset.UTC)),
                        Der.time(now.minus(BACKDATE).plus(VALIDITY).atZone(ZoneOffset.UTC))),
                name,
                keys.getPublic().getEncoded(), // SubjectPublicKeyInfo, DER already
                Der.explicit(3, extensions()));
        byte[] certificate = Der.sequence(tbs, algorithm(), Der.bits(sign(keys, tbs)));
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(certificate));
    }

    /**
     * @return a PKCS#10 certificate signing request (DER) for the key pair and common name, asking for the same
     *         extensions as {@link #selfSigned}
     */
    public static byte[] request(KeyPair keys, String commonName) throws GeneralSecurityException {
        byte[] info = Der.sequence(
                Der.integer(BigInteger.ZERO),
                name(commonName),
                keys.getPublic().getEncoded(),
                Der.explicit(0, Der.sequence(Der.oid(EXTENSION_REQUEST), Der.set(extensions()))));
        return Der.sequence(info, algorithm(), Der.bits(sign(keys, info)));
    }

    /** @return the SHA-256 fingerprint of a certificate as {@code openssl x509 -fingerprint -sha256} prints it */
    public static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (CertificateEncodingException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot take the fingerprint of " + certificate.getSubjectX500Principal(),
                    e);
        }
    }

    private static byte[] name(String commonName) {
        return Der.sequence(Der.set(Der.sequence(Der.oid(COMMON_NAME), Der.utf8(commonName))));
    }

    private static byte[] algorithm() {
        return Der.sequence(Der.oid(ECDSA_WITH_SHA256));
    }

    private static byte[] extensions() {
        return Der.sequence(
                Der.sequence(Der.oid(BASIC_CONSTRAINTS), Der.bool(true), Der.octets(Der.sequence())),
                Der.sequence(Der.oid(KEY_USAGE), Der.bool(true), Der.octets(Der.namedBits(DIGITAL_SIGNATURE))),
                Der.sequence(Der.oid(EXTENDED_KEY_USAGE), Der.octets(Der.sequence(Der.oid(SERVER_AUTH)))));
    }

    private static byte[] sign(KeyPair keys, byte[] content) throws GeneralSecurityException {
        if (!keys.getPublic().getAlgorithm().equals("EC")) {
            throw new GeneralSecurityException("a post's own certificate needs an EC key, not "
                    + keys.getPublic().getAlgorithm());
        }
        Signature signature = Signature.getInstance("SHA256withECDSA");
        signature.initSign(keys.getPrivate());
        signature.update(content);
        return signature.sign(); // ECDSA-Sig-Value, DER already
    }
}
