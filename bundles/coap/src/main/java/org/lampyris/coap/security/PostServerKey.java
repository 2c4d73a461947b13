package org.lampyris.coap.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;

import org.lampyris.internal.x509.PemCredentials;
import org.lampyris.internal.x509.PostCertificate;
import org.lampyris.internal.x509.ServerKeyFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server key of a street post that was given no {@code credentials.file}: its own, made at its first boot (EC
 * P-256 with a self-signed certificate whose common name is the post id, and a certificate request for the city's
 * authority), or provisioned at the depot, in {@link ServerKeyFiles#KEY}; presented with the city's chain of
 * {@link ServerKeyFiles#CITY_CHAIN} once the city has one. It logs the file and the certificate's fingerprint, which
 * a client can pin, never the key.
 */
final class PostServerKey {
    private static final Logger LOG = LoggerFactory.getLogger(PostServerKey.class);

    private PostServerKey() {
    }

    /**
     * @throws IllegalArgumentException naming the file that others may read, that does not parse, or a city chain for
     *             another key
     */
    static PemCredentials of(Path dataDir, String postId) {
        Path keyFile = dataDir.resolve(ServerKeyFiles.KEY);
        if (!ServerKeyFiles.exists(dataDir)) {
            try {
                PemCredentials made = ServerKeyFiles.make(dataDir, postId);
                LOG.warn("Street post without city server credentials: made its own server key and self-signed "
                        + "certificate (CN={}) in {} (owner-only), SHA-256 fingerprint {}; a certificate request for "
                        + "the city's authority is in {}", postId, keyFile,
                        PostCertificate.fingerprint(made.chain().get(0)), dataDir.resolve(ServerKeyFiles.REQUEST));
                return made;
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot write the post's own server key to " + keyFile + ": "
                        + e.getMessage(), e);
            }
        }
        PemCredentials presented = ServerKeyFiles.read(dataDir);
        X509Certificate certificate = presented.chain().get(0);
        Path chainFile = dataDir.resolve(ServerKeyFiles.CITY_CHAIN);
        LOG.info("Server key of this post from {}, presenting the certificate of {} ({}, issued by {}), SHA-256 "
                + "fingerprint {}", keyFile, Files.isRegularFile(chainFile) ? chainFile : keyFile,
                certificate.getSubjectX500Principal().getName(), certificate.getIssuerX500Principal().getName(),
                PostCertificate.fingerprint(certificate));
        return presented;
    }
}
