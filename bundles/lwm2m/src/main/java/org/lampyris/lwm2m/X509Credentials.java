package org.lampyris.lwm2m;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;

import org.eclipse.californium.elements.util.SslContextUtil;
import org.eclipse.leshan.client.object.Security;

/**
 * What security mode X509 presents to the LwM2M server, read from the PEM files the configuration names with
 * Californium's PEM reader: the post's private key (PKCS#8 {@code PRIVATE KEY} or SEC 1 {@code EC PRIVATE KEY}, as
 * openssl writes either) with its certificate, and the server's certificate.
 *
 * @param certificate the post's certificate, the first of its chain
 * @param privateKey the post's private key
 * @param serverCertificate the certificate the server must present
 */
record X509Credentials(X509Certificate certificate, PrivateKey privateKey, X509Certificate serverCertificate) {

    /**
     * @param conf the directory relative file names are resolved against
     * @param credentials x509.credentials: the PEM file with the post's key and certificate
     * @param serverCertificate x509.server.certificate: the PEM file with the server's certificate
     * @throws IllegalArgumentException naming the setting, the file and what is wrong with it
     */
    static X509Credentials read(Path conf, String credentials, String serverCertificate) {
        SslContextUtil.Credentials own = pem(conf, credentials, "x509.credentials");
        if (own.getPrivateKey() == null) {
            throw new IllegalArgumentException("x509.credentials: " + conf.resolve(credentials)
                    + " holds no private key (PEM PRIVATE KEY or EC PRIVATE KEY)");
        }
        return new X509Credentials(first(own, conf, credentials, "x509.credentials"), own.getPrivateKey(),
                first(pem(conf, serverCertificate, "x509.server.certificate"), conf, serverCertificate,
                        "x509.server.certificate"));
    }

    /** @return the Security object instance (LwM2M object 0) of a server in security mode X509 */
    Security security(String serverUri, int shortServerId) {
        try {
            return Security.x509(serverUri, shortServerId, certificate.getEncoded(), privateKey.getEncoded(),
                    serverCertificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("a certificate of the X509 security mode cannot be encoded: " + e, e);
        }
    }

    /** @return the Security object instance (LwM2M object 0) of a bootstrap server in security mode X509 */
    Security bootstrapSecurity(String bootstrapUri) {
        try {
            return Security.x509Bootstrap(bootstrapUri, certificate.getEncoded(), privateKey.getEncoded(),
                    serverCertificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("a certificate of the X509 security mode cannot be encoded: " + e, e);
        }
    }

    private static SslContextUtil.Credentials pem(Path conf, String file, String setting) {
        Path path = conf.resolve(file);
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException(setting + ": " + path + " does not exist");
        }
        try (InputStream in = Files.newInputStream(path)) {
            return SslContextUtil.loadPemCredentials(in);
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + ": " + path + " cannot be read as PEM: " + e.getMessage(),
                    e);
        }
    }

    /** @return the first certificate of a file: of the chain beside a key, or of a file of certificates only */
    private static X509Certificate first(SslContextUtil.Credentials pem, Path conf, String file, String setting) {
        Certificate[] certificates = pem.getCertificateChain() != null ? pem.getCertificateChain()
                : pem.getTrustedCertificates();
        if (certificates == null || certificates.length == 0
                || !(certificates[0] instanceof X509Certificate certificate)) {
            throw new IllegalArgumentException(setting + ": " + conf.resolve(file) + " holds no certificate");
        }
        return certificate;
    }
}
