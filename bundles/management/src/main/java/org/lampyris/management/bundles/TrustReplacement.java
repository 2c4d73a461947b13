package org.lampyris.management.bundles;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.lampyris.internal.durable.DurableFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces the code-signing trust store as TUF rotates its root: the new trust store ({@value #ENTRY}, PEM) comes in a
 * JAR signed with jarsigner, and is taken only if that JAR's signer chains to the trust store the post has now, so that
 * a stolen engineer credential alone cannot change what code the post trusts. A post that has no trust store yet (a
 * street post before the city provisions one) takes its first from an engineer, when the JAR is signed by a key of the
 * very authority it installs, which shows that the engineer holds that authority's key.
 * <p>
 * The new trust store is written through the durable-write helper in place of the old; the next bundle check reads it.
 * A refused one changes nothing.
 */
final class TrustReplacement {
    private static final Logger LOG = LoggerFactory.getLogger(TrustReplacement.class);
    /** The JAR entry that holds the new trust store. */
    static final String ENTRY = "code-signing-ca.pem";

    /** A trusted authority, as a GET shows it. */
    record Authority(String subject, String sha256, String notAfter) {
        static Authority of(X509Certificate c) {
            try {
                return new Authority(c.getSubjectX500Principal().getName(), HexFormat.ofDelimiter(":").withUpperCase()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded())),
                        c.getNotAfter().toInstant().toString());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("SHA-256 of a certificate: " + e.getMessage(), e);
            }
        }
    }

    /**
     * A replacement made.
     *
     * @param signer the common name of the JAR's signer
     * @param authorities what the post trusts now
     * @param first whether it was the post's first trust store
     */
    record Replaced(String signer, List<Authority> authorities, boolean first) {
    }

    private final SignedBundleCheck current;

    /** @param current the check of signed uploads, reading the trust store this replaces */
    TrustReplacement(SignedBundleCheck current) {
        this.current = current;
    }

    /** @return the authorities of the trust store now; none before it is provisioned */
    List<Authority> authorities() throws IOException {
        if (!current.provisioned()) {
            return List.of();
        }
        try (InputStream in = Files.newInputStream(current.trustFile())) {
            return certificates(in.readAllBytes()).stream().map(Authority::of).toList();
        } catch (CertificateException e) {
            throw new IOException("the trust store " + current.trustFile() + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * @param jar the signed JAR with the new trust store
     * @param by who asks, for the log
     * @throws Refusal UNTRUSTED (unsigned, tampered, a signer the post does not trust), NOT_A_BUNDLE (not a JAR, no
     *         trust store in it, no certificate, a private key, an expired certificate); nothing changed
     */
    Replaced replace(byte[] jar, String by) throws Refusal, IOException {
        Path trustFile = current.trustFile();
        DurableFile.createFolders(trustFile.getParent());
        Path staged = Files.createTempFile(trustFile.getParent(), "trust-upload", ".jar");
        Path pemFile = trustFile.resolveSibling(trustFile.getFileName() + ".new");
        try {
            Files.write(staged, jar);
            byte[] pem = entry(staged);
            List<X509Certificate> authorities = check(pem);
            boolean first = !current.provisioned();
            String signer;
            if (first) {
                Files.write(pemFile, pem);
                signer = current.trusting(pemFile).signerOf(staged);
            } else {
                signer = current.signerOf(staged);
            }
            DurableFile.write(trustFile, pem);
            List<Authority> now = authorities.stream().map(Authority::of).toList();
            LOG.warn("Code-signing trust store {} {} by {}: signed by CN={}, now trusting {}", trustFile,
                    first ? "installed" : "replaced", by, signer, now.stream().map(Authority::subject).toList());
            return new Replaced(signer, now, first);
        } finally {
            Files.deleteIfExists(staged);
            Files.deleteIfExists(pemFile);
        }
    }

    private static byte[] entry(Path staged) throws Refusal {
        try (JarFile jar = new JarFile(staged.toFile(), false)) {
            JarEntry entry = jar.getJarEntry(ENTRY);
            if (entry == null) {
                throw new Refusal(Refusal.Cause.NOT_A_BUNDLE, "the JAR holds no " + ENTRY
                        + ": put the new trust store (PEM certificates) there (lampctl trust sign)");
            }
            try (InputStream in = jar.getInputStream(entry)) {
                return in.readAllBytes();
            }
        } catch (IOException | SecurityException e) {
            throw new Refusal(Refusal.Cause.NOT_A_BUNDLE, "not a valid JAR: " + e.getMessage());
        }
    }

    /** @return the certificates of a new trust store, which must be usable */
    private List<X509Certificate> check(byte[] pem) throws Refusal {
        String text = new String(pem, StandardCharsets.US_ASCII);
        if (text.contains("PRIVATE KEY")) {
            throw new Refusal(Refusal.Cause.NOT_A_BUNDLE, ENTRY + " holds a private key: a trust store holds "
                    + "certificates only; keep the authority's key offline");
        }
        if (!text.contains("-----BEGIN CERTIFICATE-----")) {
            throw new Refusal(Refusal.Cause.NOT_A_BUNDLE, ENTRY + " holds no certificate (PEM BEGIN CERTIFICATE)");
        }
        List<X509Certificate> certificates;
        try {
            certificates = certificates(pem);
        } catch (CertificateException e) {
            throw new Refusal(Refusal.Cause.NOT_A_BUNDLE, ENTRY + " cannot be read as PEM certificates: "
                    + e.getMessage());
        }
        if (certificates.isEmpty()) {
            throw new Refusal(Refusal.Cause.NOT_A_BUNDLE, ENTRY + " holds no certificate (PEM BEGIN CERTIFICATE)");
        }
        List<String> problems = new ArrayList<>();
        for (X509Certificate c : certificates) {
            try {
                c.checkValidity();
            } catch (CertificateException e) {
                problems.add(c.getSubjectX500Principal().getName() + " is not valid now (" + c.getNotBefore()
                        + " to " + c.getNotAfter() + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new Refusal(Refusal.Cause.NOT_A_BUNDLE, ENTRY + ": " + String.join("; ", problems)
                    + ": no bundle it signs could be trusted");
        }
        if (certificates.stream().allMatch(current::distrusts)) {
            throw new Refusal(Refusal.Cause.NOT_A_BUNDLE, ENTRY + " holds only the public development code-signing "
                    + "authority, which a street post never trusts");
        }
        return certificates;
    }

    private static List<X509Certificate> certificates(byte[] pem) throws CertificateException {
        List<X509Certificate> all = new ArrayList<>();
        for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(
                new ByteArrayInputStream(pem))) {
            all.add((X509Certificate) c);
        }
        return all;
    }
}
