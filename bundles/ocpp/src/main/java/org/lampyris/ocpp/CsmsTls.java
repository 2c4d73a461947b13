package org.lampyris.ocpp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS of a {@code wss://} link (OCPP 1.6 security profiles 2 and 3): whom the post trusts as its CSMS (the PEM
 * certificates configured, the CSMS's own or the authority that issued it; none configured: the JVM's trust store),
 * and, for profile 3, the post's own key and certificate (PEM, a {@code PRIVATE KEY} in PKCS#8 and its certificate
 * chain), which it shows when the CSMS asks.
 */
final class CsmsTls {
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)-----END \\1-----");
    private static final char[] NO_PASSWORD = new char[0];

    private CsmsTls() {
    }

    /**
     * @param conf the conf directory, which relative file names are under
     * @param csmsCertificate the PEM file of the certificates to trust; empty for the JVM's trust store
     * @param clientCredentials the PEM file of the post's key and certificate; empty for none
     * @return the TLS context, or null when neither is configured (the JVM's defaults apply)
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    static SSLContext context(Path conf, String csmsCertificate, String clientCredentials) {
        if (csmsCertificate.isBlank() && clientCredentials.isBlank()) {
            return null;
        }
        try {
            TrustManagerFactory trust = null;
            if (!csmsCertificate.isBlank()) {
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                List<Certificate> certificates = certificates(blocks(conf, csmsCertificate, "csms.certificate"));
                if (certificates.isEmpty()) {
                    throw new IllegalArgumentException("csms.certificate " + csmsCertificate
                            + " holds no CERTIFICATE");
                }
                for (int i = 0; i < certificates.size(); i++) {
                    store.setCertificateEntry("csms-" + i, certificates.get(i));
                }
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(store);
            }
            KeyManagerFactory keys = null;
            if (!clientCredentials.isBlank()) {
                List<String[]> blocks = blocks(conf, clientCredentials, "client.credentials");
                PrivateKey key = privateKey(blocks, clientCredentials);
                List<Certificate> chain = certificates(blocks);
                if (chain.isEmpty()) {
                    throw new IllegalArgumentException("client.credentials " + clientCredentials
                            + " holds no CERTIFICATE");
                }
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry("post", key, NO_PASSWORD, chain.toArray(Certificate[]::new));
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(store, NO_PASSWORD);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null
                    : trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("the TLS settings cannot be used: " + e.getMessage());
        }
    }

    /** @return the PEM blocks of a file, each as {type, base64} */
    private static List<String[]> blocks(Path conf, String file, String setting) {
        Path path = conf.resolve(file);
        String text;
        try {
            text = Files.readString(path, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException(setting + " " + path + " cannot be read: " + e);
        }
        List<String[]> blocks = new ArrayList<>();
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            blocks.add(new String[] { m.group(1), m.group(2).replaceAll("\\s", "") });
        }
        return blocks;
    }

    private static List<Certificate> certificates(List<String[]> blocks) throws GeneralSecurityException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<Certificate> certificates = new ArrayList<>();
        for (String[] b : blocks) {
            if (b[0].equals("CERTIFICATE")) {
                certificates.add(factory.generateCertificate(new ByteArrayInputStream(
                        Base64.getDecoder().decode(b[1]))));
            }
        }
        return certificates;
    }

    private static PrivateKey privateKey(List<String[]> blocks, String file) throws GeneralSecurityException {
        for (String[] b : blocks) {
            if (b[0].equals("PRIVATE KEY")) {
                PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(b[1]));
                for (String algorithm : List.of("EC", "RSA")) {
                    try {
                        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
                    } catch (java.security.spec.InvalidKeySpecException e) {
                        // the other algorithm
                    }
                }
                throw new IllegalArgumentException("client.credentials " + file + ": the key is neither EC nor RSA");
            }
        }
        throw new IllegalArgumentException("client.credentials " + file + " holds no PRIVATE KEY (PKCS#8)");
    }
}
