package org.lampyris.internal.x509;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A private key and its certificate chain, the post's own first, as PEM text ({@code -----BEGIN PRIVATE KEY-----},
 * PKCS#8 unencrypted, then {@code -----BEGIN CERTIFICATE-----} blocks), the form {@code openssl} writes and
 * Californium reads. Messages name the file and the problem, never a key.
 *
 * @param key the private key
 * @param chain the certificate of the key first, then the authorities that signed it, if any
 */
public record PemCredentials(PrivateKey key, List<X509Certificate> chain) {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)-----END \\1-----");

    public PemCredentials {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("no certificate");
        }
    }

    /**
     * @param pem PEM text with exactly one unencrypted private key and at least one certificate
     * @param source what to call the text in messages, a file name
     * @throws IllegalArgumentException naming what is missing or does not parse, and checking that the key belongs to
     *             the first certificate
     */
    public static PemCredentials parse(String pem, String source) {
        PemCredentials credentials = new PemCredentials(privateKey(pem, source), certificates(pem, source));
        if (!belongTogether(credentials.key(), credentials.chain().get(0).getPublicKey())) {
            throw new IllegalArgumentException(source + ": the private key does not belong to the certificate "
                    + credentials.chain().get(0).getSubjectX500Principal().getName());
        }
        return credentials;
    }

    /**
     * @return the certificates of PEM text, in their order
     * @throws IllegalArgumentException when there is none or one does not parse
     */
    public static List<X509Certificate> certificates(String pem, String source) {
        List<X509Certificate> certificates = new ArrayList<>();
        Matcher m = BLOCK.matcher(pem);
        while (m.find()) {
            if (m.group(1).equals("CERTIFICATE")) {
                try {
                    certificates.add((X509Certificate) CertificateFactory.getInstance("X.509")
                            .generateCertificate(new ByteArrayInputStream(decode(m.group(2), source))));
                } catch (CertificateException e) {
                    throw new IllegalArgumentException(source + ": certificate " + (certificates.size() + 1)
                            + " is not an X.509 certificate (" + e.getMessage() + ")");
                }
            }
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException(source + " holds no certificate (-----BEGIN CERTIFICATE-----)");
        }
        return certificates;
    }

    /**
     * @return the one private key of PEM text, PKCS#8 unencrypted, EC or RSA
     * @throws IllegalArgumentException when there is none, more than one, or one in another form, saying how to
     *             convert it
     */
    public static PrivateKey privateKey(String pem, String source) {
        PrivateKey key = null;
        Matcher m = BLOCK.matcher(pem);
        while (m.find()) {
            String type = m.group(1);
            if (type.equals("EC PRIVATE KEY") || type.equals("RSA PRIVATE KEY")) {
                throw new IllegalArgumentException(source + " holds an " + type + " (SEC1/PKCS#1): convert it to "
                        + "PKCS#8 with openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8");
            }
            if (type.equals("ENCRYPTED PRIVATE KEY")) {
                throw new IllegalArgumentException(source + " holds an encrypted private key: a post starts "
                        + "unattended, so it needs it unencrypted (openssl pkcs8 -topk8 -nocrypt), owner-only");
            }
            if (type.equals("PRIVATE KEY")) {
                if (key != null) {
                    throw new IllegalArgumentException(source + " holds more than one private key");
                }
                key = pkcs8(decode(m.group(2), source), source);
            }
        }
        if (key == null) {
            throw new IllegalArgumentException(source + " holds no private key (-----BEGIN PRIVATE KEY-----)");
        }
        return key;
    }

    /**
     * @return whether a private key and a public key are the two halves of one pair: a signature of a random
     *         challenge made with the one verifies with the other
     */
    public static boolean belongTogether(PrivateKey key, PublicKey publicKey) {
        if (!key.getAlgorithm().equals(publicKey.getAlgorithm())) {
            return false;
        }
        try {
            String algorithm = switch (key.getAlgorithm()) {
                case "EC" -> "SHA256withECDSA";
                case "RSA" -> "SHA256withRSA";
                default -> key.getAlgorithm(); // EdDSA signs the message itself
            };
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signed = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signed);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** @return the key and the chain as PEM text */
    public String toPem() {
        StringBuilder text = new StringBuilder(pem("PRIVATE KEY", key.getEncoded()));
        for (X509Certificate certificate : chain) {
            text.append(certificate(certificate));
        }
        return text.toString();
    }

    /** @return one certificate as PEM text */
    public static String certificate(X509Certificate certificate) {
        try {
            return pem("CERTIFICATE", certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return a PEM block of the given type, 64 characters a line */
    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] decode(String base64, String source) {
        try {
            return Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": a PEM block is not valid base64");
        }
    }

    private static PrivateKey pkcs8(byte[] der, String source) {
        for (String algorithm : new String[] { "EC", "RSA", "Ed25519" }) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // not this algorithm; the next
            }
        }
        throw new IllegalArgumentException(source + ": the private key is not a PKCS#8 EC, RSA or Ed25519 key");
    }

    @Override
    public String toString() {
        return "PemCredentials[" + chain.get(0).getSubjectX500Principal().getName() + ", " + chain.size()
                + " certificates]";
    }
}
