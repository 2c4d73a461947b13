package org.lampyris.lampctl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

import org.eclipse.californium.elements.util.SslContextUtil;

/** Who lampctl says it is over DTLS: a pre-shared key, or an X.509 client certificate. */
sealed interface Credentials {

    /**
     * A pre-shared key.
     *
     * @param identity the PSK identity, e.g. {@code city-engineer}
     * @param secret the key as text
     */
    record Psk(String identity, String secret) implements Credentials {
        /** @throws UsageException unless the text is IDENTITY:SECRET with neither empty */
        static Psk parse(String text, String where) throws UsageException {
            int colon = text.indexOf(':');
            if (colon <= 0 || colon == text.length() - 1) {
                throw new UsageException(where + ": expected IDENTITY:SECRET");
            }
            return new Psk(text.substring(0, colon), text.substring(colon + 1));
        }

        @Override
        public String toString() {
            return "PSK identity " + identity; // never the secret
        }
    }

    /**
     * A client certificate, in PEM files read with Californium's PEM reader: the private key as PKCS#8
     * ({@code BEGIN PRIVATE KEY}) or SEC 1 ({@code BEGIN EC PRIVATE KEY}, as {@code openssl ecparam} writes it).
     *
     * @param certificate PEM file with the certificate chain (may also hold the private key)
     * @param key PEM file with the private key, or null when the certificate file holds it
     * @param trusted PEM file with the authorities the post's certificate must chain to
     */
    record Certificate(Path certificate, Path key, Path trusted) implements Credentials {

        /**
         * @return the private key and the certificate chain lampctl presents
         * @throws IllegalArgumentException naming the option, the file and what is wrong with it
         */
        SslContextUtil.Credentials identity() {
            String keyOption = key == null ? "--cert" : "--key";
            Path keyFile = key == null ? certificate : key;
            PrivateKey privateKey = pem(keyOption, keyFile).getPrivateKey();
            if (privateKey == null) {
                throw new IllegalArgumentException(keyOption + " " + keyFile
                        + ": holds no private key (PEM PRIVATE KEY or EC PRIVATE KEY)");
            }
            return new SslContextUtil.Credentials(privateKey, null, certificates("--cert", certificate));
        }

        /**
         * @return the authorities a post's certificate must chain to
         * @throws IllegalArgumentException naming the file and what is wrong with it
         */
        X509Certificate[] authorities() {
            return certificates("--ca", trusted);
        }

        private static X509Certificate[] certificates(String option, Path file) {
            SslContextUtil.Credentials pem = pem(option, file);
            // Beside a private key the certificates are a chain; alone, Californium reads them as trusted ones.
            java.security.cert.Certificate[] found = pem.getCertificateChain() != null ? pem.getCertificateChain()
                    : pem.getTrustedCertificates();
            if (found == null || found.length == 0) {
                throw new IllegalArgumentException(option + " " + file + ": holds no certificate (PEM CERTIFICATE)");
            }
            return SslContextUtil.asX509Certificates(found);
        }

        private static SslContextUtil.Credentials pem(String option, Path file) {
            try (InputStream in = Files.newInputStream(file)) {
                return SslContextUtil.loadPemCredentials(in);
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException(option + " " + file + ": no such file", e);
            } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
                throw new IllegalArgumentException(option + " " + file + ": cannot be read as PEM: " + e.getMessage(),
                        e);
            }
        }
    }
}
