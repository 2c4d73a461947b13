package org.lampyris.coap.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import org.lampyris.internal.durable.DurableFile;
import org.lampyris.internal.x509.PemCredentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The credentials a post accepts over DTLS, which depend on what kind of post it is.
 * <p>
 * A <em>development post</em> (framework property {@value #DEVELOPMENT_PROPERTY} true, {@code bin/lampyris --dev})
 * accepts the city's credentials and the public development ones ({@code development.*} of the security
 * configuration). A <em>street post</em> never accepts the development ones: it accepts the pre-shared keys of
 * {@code psk}, those of the secret file {@value #PSK_FILE} in its data directory (provisioned by the city), and, when
 * neither names any, makes its own, one random key per role, in that file, readable by its owner only. A street post
 * without {@code credentials.file} presents its own server key ({@link PostServerKey}).
 *
 * @param identities the identities it accepts
 * @param trustFile the certificate authorities client certificates must chain to, relative to conf/; empty for none
 * @param credentialsFile the server's key and certificate, relative to conf/; empty for PSK only
 * @param refusedDevelopmentIdentities the development PSK identities a street post refuses (to log refusals by
 *            name); empty on a development post
 * @param serverKey on a street post without {@code credentials.file}: its own server key and the chain it presents
 *            ({@link PostServerKey}); null otherwise
 * @param refusedDevelopmentTrustFile the development certificate authority a street post refuses (to name refused
 *            development client certificates in the log), relative to conf/; empty on a development post
 */
public record PostCredentials(Identities identities, String trustFile, String credentialsFile,
        Set<String> refusedDevelopmentIdentities, PemCredentials serverKey, String refusedDevelopmentTrustFile) {
    /** Framework property that is true on a development post. */
    public static final String DEVELOPMENT_PROPERTY = "lampyris.development";
    /** The post's own pre-shared keys, relative to its data directory: identity:role:secret lines. */
    public static final String PSK_FILE = "security/psk.secret";
    private static final Logger LOG = LoggerFactory.getLogger(PostCredentials.class);
    private static final String[] ROLES = { "reader", "operator", "engineer" };

    /**
     * @param config the security configuration
     * @param development whether this is a development post
     * @param dataDir the post's data directory, or null where it has none (then it never makes keys of its own)
     * @param postId the post's identity, which names the keys it makes
     * @throws IllegalArgumentException naming a malformed entry or a secret file others may read, never a secret
     */
    public static PostCredentials of(SecurityConfig config, boolean development, Path dataDir, String postId) {
        List<String> psk = new ArrayList<>(List.of(config.psk()));
        List<String> certificateRoles = new ArrayList<>(List.of(config.certificate_roles()));
        String trustFile = config.trust_file();
        String credentialsFile = config.credentials_file();
        Set<String> developmentIdentities = Set.copyOf(Identities.parse(List.of(config.development_psk()), List.of())
                .pskIdentities().stream().map(Identities.Psk::identity).toList());
        if (development) {
            psk.addAll(List.of(config.development_psk()));
            certificateRoles.addAll(List.of(config.development_certificate_roles()));
            trustFile = trustFile.isBlank() ? config.development_trust_file() : trustFile;
            credentialsFile = credentialsFile.isBlank() ? config.development_credentials_file() : credentialsFile;
        }
        Path pskFile = dataDir == null ? null : dataDir.resolve(PSK_FILE);
        if (pskFile != null && Files.isRegularFile(pskFile)) {
            psk.addAll(read(pskFile));
            LOG.info("Pre-shared keys of this post from {}", pskFile);
        } else if (pskFile != null && !development && psk.isEmpty()) {
            psk.addAll(make(pskFile, postId));
        }
        Identities identities = Identities.parse(psk, certificateRoles);
        Set<String> refused = development ? Set.of() : developmentIdentities.stream()
                .filter(id -> identities.pskIdentities().stream().noneMatch(p -> p.identity().equals(id)))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        PemCredentials serverKey = !development && credentialsFile.isBlank() && dataDir != null
                ? PostServerKey.of(dataDir, postId) : null;
        return new PostCredentials(identities, trustFile, credentialsFile, refused, serverKey,
                development ? "" : config.development_trust_file());
    }

    /** @return the entries of a secret file, which must be its owner's only */
    private static List<String> read(Path file) {
        try {
            if (DurableFile.othersMayAccess(file)) {
                throw new IllegalArgumentException("the secret file " + file
                        + " can be read or changed by others: make it owner-only (chmod 600)");
            }
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::trim)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the secret file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Makes one random key per role, so that no two posts share a secret, and logs where, never what. */
    private static List<String> make(Path file, String postId) {
        SecureRandom random = new SecureRandom();
        List<String> entries = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String role : ROLES) {
            byte[] secret = new byte[16];
            random.nextBytes(secret);
            String identity = postId + "-" + role;
            // 128 random bits written as 32 hexadecimal characters and used as text, so that an engineer can type
            // the secret into any client (coap-client -k, lampctl) as it stands in the file.
            entries.add(identity + ":" + role + ":" + HexFormat.of().formatHex(secret));
            names.add(identity);
        }
        StringBuilder text = new StringBuilder("# The pre-shared keys this post made at its first boot, identity:role:"
                + "secret. Keep this file its owner's only.\n");
        entries.forEach(e -> text.append(e).append('\n'));
        try {
            DurableFile.writeOwnerOnly(file, text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write the post's own pre-shared keys to " + file + ": "
                    + e.getMessage(), e);
        }
        LOG.warn("Street post without city credentials: made its own pre-shared keys for {} in {} (owner-only); "
                + "read them there, or provision the city's (README, Security)", names, file);
        return entries;
    }
}
