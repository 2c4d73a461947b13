package org.lampyris.internal.x509;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

import org.lampyris.internal.durable.DurableFile;

/**
 * The files of a post's server key in its data directory, which the post makes at its first boot or the city
 * provisions at the depot:
 * <ul>
 * <li>{@value #KEY}: the private key and its certificate (self-signed, or the city's chain), owner-only;</li>
 * <li>{@value #REQUEST}: a certificate signing request for that key, public, for the city's authority to sign;</li>
 * <li>{@value #CITY_CHAIN}: the chain the city's authority issued for that key, public; when present the post presents
 * it instead of the certificate of {@value #KEY}.</li>
 * </ul>
 */
public final class ServerKeyFiles {
    /** The server's private key and certificate chain, relative to the data directory. */
    public static final String KEY = "security/server.pem";
    /** The certificate signing request for the key, relative to the data directory. */
    public static final String REQUEST = "security/server.csr";
    /** The certificate chain a city's authority issued for the key, relative to the data directory. */
    public static final String CITY_CHAIN = "security/server.crt";

    private ServerKeyFiles() {
    }

    /** @return whether the data directory holds a server key */
    public static boolean exists(Path dataDir) {
        return Files.isRegularFile(dataDir.resolve(KEY));
    }

    /**
     * @return the key of {@value #KEY} with the chain the post presents: that of {@value #CITY_CHAIN} when the city
     *         provisioned one, otherwise that of {@value #KEY}
     * @throws IllegalArgumentException naming the file: others may read the key, a file does not parse, or the city's
     *             chain is for another key
     */
    public static PemCredentials read(Path dataDir) {
        Path keyFile = dataDir.resolve(KEY);
        PemCredentials own = PemCredentials.parse(readSecret(keyFile), keyFile.toString());
        Path cityChain = dataDir.resolve(CITY_CHAIN);
        if (!Files.isRegularFile(cityChain)) {
            return own;
        }
        List<X509Certificate> chain = PemCredentials.certificates(readText(cityChain), cityChain.toString());
        if (!PemCredentials.belongTogether(own.key(), chain.get(0).getPublicKey())) {
            throw new IllegalArgumentException(cityChain + " is a certificate (" + chain.get(0)
                    .getSubjectX500Principal().getName() + ") for another key than that of " + keyFile
                    + ": have the city's authority sign " + dataDir.resolve(REQUEST) + ", or remove " + cityChain);
        }
        return new PemCredentials(own.key(), chain);
    }

    /**
     * Makes a key pair and a self-signed certificate for it, and writes them to {@value #KEY} (owner-only) and a
     * certificate signing request to {@value #REQUEST}.
     *
     * @return what was written
     */
    public static PemCredentials make(Path dataDir, String postId) throws IOException {
        try {
            KeyPair keys = PostCertificate.newKeyPair();
            PemCredentials made = new PemCredentials(keys.getPrivate(),
                    List.of(PostCertificate.selfSigned(keys, postId, Instant.now())));
            writeKey(dataDir, made);
            DurableFile.write(dataDir.resolve(REQUEST), PemCredentials.pem("CERTIFICATE REQUEST",
                    PostCertificate.request(keys, postId)).getBytes(StandardCharsets.US_ASCII));
            return made;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot make a server key: " + e.getMessage(), e);
        }
    }

    /** Writes a key and its chain to {@value #KEY}, owner-only from the first byte, creating the folder. */
    public static void writeKey(Path dataDir, PemCredentials credentials) throws IOException {
        DurableFile.writeOwnerOnly(dataDir.resolve(KEY), credentials.toPem().getBytes(StandardCharsets.US_ASCII));
    }

    /** @return whether others than the file's owner may read or change it */
    public static boolean othersMayRead(Path file) throws IOException {
        return DurableFile.othersMayAccess(file);
    }

    private static String readSecret(Path file) {
        try {
            if (othersMayRead(file)) {
                throw new IllegalArgumentException("the secret file " + file
                        + " can be read or changed by others: make it owner-only (chmod 600)");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the secret file " + file + ": " + e.getMessage(), e);
        }
        return readText(file);
    }

    private static String readText(Path file) {
        try {
            // PEM is ASCII; a stray byte elsewhere in the file is no reason to fail
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
