package org.lampyris.management.bundles;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

import org.osgi.framework.Constants;
import org.osgi.framework.Version;

/**
 * Decides whether an upload may be installed: a JAR, an OSGi bundle, every entry signed, no entry changed since, and
 * signed by a certificate that chains to one of the trust store's certificates. Only the JDK's own verification is
 * used (JarFile with verification on, CodeSigner, a PKIX CertPathValidator without revocation checks).
 */
final class SignedBundleCheck {
    private final Path trustFile;
    /** Why nothing can be trusted while the trust store is not there yet, or null if it must be there. */
    private final String untilProvisioned;
    /** Authorities never trusted, even where the trust store lists them: the public development one on a street post. */
    private final Set<Certificate> distrusted;

    SignedBundleCheck(Path trustFile) {
        this(trustFile, null, Set.of());
    }

    private SignedBundleCheck(Path trustFile, String untilProvisioned, Set<Certificate> distrusted) {
        this.trustFile = trustFile;
        this.untilProvisioned = untilProvisioned;
        this.distrusted = distrusted;
    }

    /**
     * @param developmentAuthority the PEM file of the public development code-signing authority, if it is there
     * @return this check, but one that never trusts that authority, whatever the trust store says (a street post)
     * @throws IOException if the file is there and cannot be read
     */
    SignedBundleCheck distrusting(Path developmentAuthority) throws IOException {
        if (developmentAuthority == null || !Files.isRegularFile(developmentAuthority)) {
            return this;
        }
        try (InputStream in = Files.newInputStream(developmentAuthority)) {
            return new SignedBundleCheck(trustFile, untilProvisioned,
                    Set.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in)));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the development code-signing authority " + developmentAuthority + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * @param trustFile where the city puts its trust store, which need not be there yet
     * @param untilProvisioned the reason every signed bundle is refused until it is, saying how to provision it
     * @return a check that trusts what that file holds, once it is there
     */
    static SignedBundleCheck provisionedBy(Path trustFile, String untilProvisioned) {
        return new SignedBundleCheck(trustFile, untilProvisioned, Set.of());
    }

    VerifiedBundle verify(Path jarFile) throws Refusal, IOException {
        try (JarFile jar = open(jarFile)) {
            Manifest manifest = jar.getManifest();
            String bsn = manifest == null ? null : manifest.getMainAttributes().getValue(
                    Constants.BUNDLE_SYMBOLICNAME);
            if (bsn == null || bsn.isBlank()) {
                throw new Refusal(Refusal.Cause.NOT_A_BUNDLE, "not an OSGi bundle: its manifest has no Bundle-SymbolicName");
            }
            bsn = bsn.split(";")[0].trim();
            Version version;
            try {
                version = Version.parseVersion(manifest.getMainAttributes().getValue(Constants.BUNDLE_VERSION));
            } catch (IllegalArgumentException e) {
                throw new Refusal(Refusal.Cause.NOT_A_BUNDLE, "not an OSGi bundle: Bundle-Version " + e.getMessage());
            }
            try {
                CodeSigner[] signers = signersOfEveryEntry(jar);
                return new VerifiedBundle(bsn, version, trustedSigner(signers));
            } catch (Refusal r) {
                throw r.about(bsn, version.toString());
            }
        }
    }

    /**
     * Checks a signed JAR that need not be a bundle (a new trust store, say): every entry signed, none changed since,
     * and a signer that chains to the trust store.
     *
     * @return the common name of the trusted signer
     */
    String signerOf(Path jarFile) throws Refusal, IOException {
        try (JarFile jar = open(jarFile)) {
            return trustedSigner(signersOfEveryEntry(jar));
        }
    }

    /** @return the trust store this check reads at each verification */
    Path trustFile() {
        return trustFile;
    }

    /** @return whether the trust store is there; a street post's is not until the city provisions it */
    boolean provisioned() {
        return Files.isRegularFile(trustFile);
    }

    /** @return whether this check never trusts that authority, whatever the trust store says */
    boolean distrusts(Certificate authority) {
        return distrusted.contains(authority);
    }

    /** @return the same check, trusting another trust store (one being installed, to check it signs itself) */
    SignedBundleCheck trusting(Path otherTrustFile) {
        return new SignedBundleCheck(otherTrustFile, null, distrusted);
    }

    private static JarFile open(Path file) throws Refusal {
        try {
            JarFile jar = new JarFile(file.toFile(), true);
            jar.getManifest();
            return jar;
        } catch (IOException | SecurityException e) {
            throw new Refusal(Refusal.Cause.NOT_A_BUNDLE, "not a valid JAR: " + e.getMessage());
        }
    }

    /** Reads every entry in full, which makes the JDK check it against its signed digest. */
    private static CodeSigner[] signersOfEveryEntry(JarFile jar) throws Refusal {
        CodeSigner[] common = null;
        String unsigned = null;
        int signed = 0;
        byte[] buffer = new byte[8192];
        Enumeration<JarEntry> entries = jar.entries();
        while (entries.hasMoreElements()) {
            JarEntry entry = entries.nextElement();
            try (InputStream in = jar.getInputStream(entry)) {
                while (in.read(buffer) != -1) {
                    // reading to the end is what verifies the entry
                }
            } catch (SecurityException e) {
                throw new Refusal(Refusal.Cause.UNTRUSTED, "signature does not match the contents: " + e.getMessage());
            } catch (IOException e) {
                throw new Refusal(Refusal.Cause.NOT_A_BUNDLE, "not a valid JAR: " + entry.getName() + ": " + e.getMessage());
            }
            if (entry.isDirectory() || isSignatureFile(entry.getName())) {
                continue;
            }
            CodeSigner[] signers = entry.getCodeSigners();
            if (signers == null || signers.length == 0) {
                unsigned = unsigned == null ? entry.getName() : unsigned;
            } else {
                signed++;
                common = common == null ? signers : common;
            }
        }
        if (signed == 0) {
            throw new Refusal(Refusal.Cause.UNTRUSTED, "not signed: sign the bundle with jarsigner and a certificate the post trusts");
        }
        if (unsigned != null) {
            throw new Refusal(Refusal.Cause.UNTRUSTED, "signature does not match the contents: " + unsigned
                    + " was added or changed after signing");
        }
        return common;
    }

    private static boolean isSignatureFile(String name) {
        String upper = name.toUpperCase(java.util.Locale.ROOT);
        return upper.equals("META-INF/MANIFEST.MF") || upper.startsWith("META-INF/") && !upper.substring(9)
                .contains("/") && (upper.endsWith(".SF") || upper.endsWith(".RSA") || upper.endsWith(".DSA")
                        || upper.endsWith(".EC") || upper.startsWith("META-INF/SIG-"));
    }

    private String trustedSigner(CodeSigner[] signers) throws Refusal, IOException {
        Set<TrustAnchor> anchors = anchors();
        String first = null;
        for (CodeSigner signer : signers) {
            CertPath path = signer.getSignerCertPath();
            String subject = commonName(path.getCertificates().get(0));
            first = first == null ? subject : first;
            try {
                PKIXParameters parameters = new PKIXParameters(anchors);
                parameters.setRevocationEnabled(false);
                CertPathValidator.getInstance("PKIX").validate(withoutAnchors(path, anchors), parameters);
                return subject;
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                // try the next signer; if none chains, say who signed it
            }
        }
        throw new Refusal(Refusal.Cause.UNTRUSTED, "signed by CN=" + first + ", which the trust store " + trustFile.getFileName()
                + " does not trust");
    }

    /** A chain that ends with the anchor itself does not validate in PKIX; leave the anchors out. */
    private static CertPath withoutAnchors(CertPath path, Set<TrustAnchor> anchors) throws GeneralSecurityException {
        Set<Certificate> trusted = new HashSet<>();
        anchors.forEach(a -> trusted.add(a.getTrustedCert()));
        List<? extends Certificate> chain = path.getCertificates().stream().filter(c -> !trusted.contains(c))
                .toList();
        return CertificateFactory.getInstance("X.509").generateCertPath(chain);
    }

    private Set<TrustAnchor> anchors() throws IOException, Refusal {
        if (!Files.isRegularFile(trustFile) && untilProvisioned != null) {
            throw new Refusal(Refusal.Cause.UNTRUSTED, untilProvisioned);
        }
        if (!Files.isRegularFile(trustFile)) {
            throw new Refusal(Refusal.Cause.CANNOT_CHECK, "the trust store " + trustFile + " is missing: no bundle can be trusted");
        }
        Set<TrustAnchor> anchors = new HashSet<>();
        try (InputStream in = Files.newInputStream(trustFile)) {
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                anchors.add(new TrustAnchor((X509Certificate) c, null));
            }
        } catch (GeneralSecurityException e) {
            throw new Refusal(Refusal.Cause.CANNOT_CHECK, "the trust store " + trustFile + " cannot be read: " + e.getMessage());
        }
        if (anchors.isEmpty()) {
            throw new Refusal(Refusal.Cause.CANNOT_CHECK, "the trust store " + trustFile + " holds no certificate");
        }
        if (anchors.removeIf(a -> distrusted.contains(a.getTrustedCert())) && anchors.isEmpty()) {
            throw new Refusal(Refusal.Cause.UNTRUSTED, "the trust store " + trustFile + " holds only the public "
                    + "development code-signing authority, which a street post never trusts: provision the city's "
                    + "own (README, Security)");
        }
        return anchors;
    }

    static String commonName(Certificate certificate) {
        String dn = ((X509Certificate) certificate).getSubjectX500Principal().getName();
        try {
            for (Rdn rdn : new LdapName(dn).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return rdn.getValue().toString();
                }
            }
        } catch (javax.naming.InvalidNameException e) {
            // fall through to the whole name
        }
        return dn;
    }
}
