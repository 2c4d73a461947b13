package org.lampyris.coap.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds, rotates and revokes the post's pre-shared keys while it runs, which is how an engineer provisions a post
 * remotely. A change is durable before it counts (the secret file is rewritten through the durable-write helper,
 * owner-only), then applies to the live {@link Identities}, so that the next handshake and the next role lookup see
 * it. Ending the open DTLS sessions of a rotated or revoked identity is the caller's part ({@link Change}).
 * <p>
 * Only the identities of the secret file change here. Those of {@code conf/org.lampyris.security.cfg} (and the public
 * development ones of a development post, and certificate subjects) are read-only: they say where they are changed.
 * Guard rails: no public development identity or secret on a street post, new secrets of at least
 * {@value #MIN_SECRET_BYTES} bytes, and never the loss of the last engineer identity, which would leave the post
 * unmanageable.
 */
public final class IdentityChanges {
    private static final Logger LOG = LoggerFactory.getLogger(IdentityChanges.class);
    /** The shortest secret a new or rotated key may have: 128 bits. */
    static final int MIN_SECRET_BYTES = 16;
    private static final Pattern IDENTITY = Pattern.compile("[A-Za-z0-9._@+-]{1,64}");
    private static final String CONFIGURATION = "conf/" + SecurityConfig.PID + ".cfg";

    /** Where an identity is defined, which decides whether it can change here. */
    public enum Source {
        /** The post's secret file: changes here. */
        FILE,
        /** {@code psk} of the security configuration. */
        CONFIGURATION,
        /** {@code development.psk}: public, on a development post only. */
        DEVELOPMENT,
        /** {@code certificate.roles}: a client certificate's common name. */
        CERTIFICATE;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * An identity as a GET shows it: never its secret.
     *
     * @param where the file or setting that defines it
     */
    public record Listed(String identity, String kind, Role role, Source source, String where) {
        public boolean changeable() {
            return source == Source.FILE;
        }
    }

    /**
     * What a change did.
     *
     * @param endsSessions whether the identity's open DTLS sessions must end (a new secret, or revoked)
     */
    public record Change(String identity, String action, boolean endsSessions) {
    }

    /** A change that is refused, with the CoAP code (400, 404, 409) and a reason an engineer can act on. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final int code;

        public Refused(int code, String reason) {
            super(reason);
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    private final Identities live;
    private final Path file;
    private final Set<String> configured;
    private final Set<String> development;
    private final Set<String> publicIdentities;
    private final List<byte[]> publicSecrets;
    private final boolean certificatesAccepted;
    private List<PskFile.Entry> entries;

    /**
     * @param live the identities the post accepts now
     * @param file the secret file, or null where the post has no data directory (then nothing can change)
     * @param configured identities of {@code psk} in the configuration
     * @param development the public development identities the post accepts (a development post), else empty
     * @param publicEntries the development entries (identity:role:secret), public: never added on a street post
     * @param certificatesAccepted whether client certificates can authenticate (a trust file is configured)
     * @throws IOException when the secret file cannot be read
     */
    IdentityChanges(Identities live, Path file, Set<String> configured, Set<String> development,
            List<String> publicEntries, boolean certificatesAccepted) throws IOException {
        this.live = live;
        this.file = file;
        this.configured = Set.copyOf(configured);
        this.development = Set.copyOf(development);
        Identities known = Identities.parse(publicEntries, List.of());
        this.publicIdentities = Set.copyOf(known.pskIdentities().stream().map(Identities.Psk::identity).toList());
        this.publicSecrets = known.pskIdentities().stream().map(Identities.Psk::secret).toList();
        this.certificatesAccepted = certificatesAccepted;
        this.entries = file == null ? List.of() : PskFile.read(file);
    }

    /**
     * @param dataDir the post's data directory, or null
     * @return the changes of the post's identities as its security configuration and credentials define them
     * @throws IOException when the secret file cannot be read
     */
    public static IdentityChanges of(SecurityConfig config, boolean developmentPost, PostCredentials credentials,
            Path dataDir) throws IOException {
        Set<String> configured = names(List.of(config.psk()));
        Set<String> development = developmentPost ? names(List.of(config.development_psk())) : Set.of();
        return new IdentityChanges(credentials.identities(), dataDir == null ? null
                : dataDir.resolve(PostCredentials.PSK_FILE), configured, development,
                List.of(config.development_psk()), !credentials.trustFile().isBlank());
    }

    private static Set<String> names(List<String> entries) {
        return Set.copyOf(Identities.parse(entries, List.of()).pskIdentities().stream()
                .map(Identities.Psk::identity).toList());
    }

    /** @return every identity the post accepts, pre-shared keys first, with where each is defined */
    public List<Listed> list() {
        List<Listed> all = new ArrayList<>();
        for (Identities.Psk p : live.pskIdentities()) {
            Source source = sourceOf(p.identity());
            all.add(new Listed(p.identity(), "psk", p.role(), source, where(source)));
        }
        live.certificateRoles().forEach((name, role) -> all.add(new Listed(name, "certificate", role,
                Source.CERTIFICATE, where(Source.CERTIFICATE))));
        return all;
    }

    /**
     * Adds a pre-shared key identity.
     *
     * @param by who asks, for the log
     * @throws Refused 400 for a malformed, duplicate, public or short one
     * @throws IOException when the secret file cannot be written: nothing changed
     */
    public Change add(String identity, String roleName, String secret, String by) throws Refused, IOException {
        if (identity == null || !IDENTITY.matcher(identity).matches()) {
            throw new Refused(400, "the identity must be 1 to 64 letters, digits or . _ @ + -");
        }
        Role role = role(roleName);
        if (live.psk(identity).isPresent() || live.certificateRoles().containsKey(identity)) {
            throw new Refused(400, "the identity " + identity + " exists already: PUT /mgmt/security/identities/"
                    + identity + " rotates its secret");
        }
        if (publicIdentities.contains(identity)) {
            throw new Refused(400, "the identity " + identity + " is a public development identity, which a street "
                    + "post never accepts: choose another name");
        }
        byte[] key = secret(identity, secret);
        writable();
        List<PskFile.Entry> next = new ArrayList<>(entries);
        next.add(new PskFile.Entry(identity, role, secret));
        store(next);
        live.put(new Identities.Psk(identity, role, key));
        LOG.info("Identity {} ({}) added by {}", identity, role.label(), by);
        return new Change(identity, "added", false);
    }

    /**
     * Gives an identity a new secret, a new role, or both.
     *
     * @param roleName the new role, or null to keep it
     * @param secret the new secret, or null to keep it
     * @throws Refused 404 unknown, 409 read-only or the last engineer, 400 malformed
     * @throws IOException when the secret file cannot be written: nothing changed
     */
    public Change change(String identity, String roleName, String secret, String by) throws Refused, IOException {
        PskFile.Entry entry = changeable(identity);
        if (roleName == null && secret == null) {
            throw new Refused(400, "give a new secret, a new role, or both");
        }
        Role role = roleName == null ? entry.role() : role(roleName);
        byte[] key = secret == null ? live.psk(identity).orElseThrow().secret() : secret(identity, secret);
        if (entry.role() == Role.ENGINEER && role != Role.ENGINEER) {
            lastEngineer(identity, "demote");
        }
        List<PskFile.Entry> next = new ArrayList<>(entries);
        next.replaceAll(e -> e.identity().equals(identity) ? new PskFile.Entry(identity, role,
                secret == null ? e.secret() : secret) : e);
        store(next);
        live.put(new Identities.Psk(identity, role, key));
        String action = (secret == null ? "" : "secret rotated") + (secret != null && role != entry.role()
                ? ", " : "") + (role != entry.role() ? "role " + entry.role().label() + " -> " + role.label() : "");
        LOG.info("Identity {}: {}, by {}", identity, action.isEmpty() ? "unchanged" : action, by);
        return new Change(identity, action.isEmpty() ? "unchanged" : action, secret != null);
    }

    /**
     * Revokes an identity: no handshake with it succeeds any more.
     *
     * @throws Refused 404 unknown, 409 read-only or the last engineer
     * @throws IOException when the secret file cannot be written: nothing changed
     */
    public Change revoke(String identity, String by) throws Refused, IOException {
        PskFile.Entry entry = changeable(identity);
        if (entry.role() == Role.ENGINEER) {
            lastEngineer(identity, "revoke");
        }
        List<PskFile.Entry> next = new ArrayList<>(entries);
        next.removeIf(e -> e.identity().equals(identity));
        store(next);
        live.remove(identity);
        LOG.warn("Identity {} ({}) revoked by {}", identity, entry.role().label(), by);
        return new Change(identity, "revoked", true);
    }

    private PskFile.Entry changeable(String identity) throws Refused {
        if (live.psk(identity).isEmpty()) {
            if (live.certificateRoles().containsKey(identity)) {
                throw new Refused(409, identity + " is a client certificate's name, defined in " + where(
                        Source.CERTIFICATE) + ": change it there");
            }
            throw new Refused(404, "no identity " + identity + " (GET /mgmt/security/identities lists them)");
        }
        Source source = sourceOf(identity);
        if (source != Source.FILE) {
            throw new Refused(409, identity + " is read-only here: it is defined in " + where(source)
                    + (source == Source.DEVELOPMENT ? ", public, for development posts only" : "")
                    + "; change it there");
        }
        writable();
        return entries.stream().filter(e -> e.identity().equals(identity)).findFirst().orElseThrow(() -> new Refused(
                409, identity + " is no longer in " + file + ", which was changed by hand since the post started: "
                        + "restart the post"));
    }

    private void lastEngineer(String identity, String what) throws Refused {
        long others = live.pskIdentities().stream().filter(p -> p.role() == Role.ENGINEER)
                .filter(p -> !p.identity().equals(identity)).count();
        if (certificatesAccepted) {
            others += live.certificateRoles().values().stream().filter(r -> r == Role.ENGINEER).count();
        }
        if (others == 0) {
            throw new Refused(409, "cannot " + what + " " + identity + ": it is the last engineer identity, and "
                    + "without one the post would become unmanageable; add another engineer first");
        }
    }

    private void writable() throws Refused {
        if (file == null) {
            throw new Refused(409, "this post has no data directory (lampyris.data.dir) to keep identities in");
        }
    }

    private void store(List<PskFile.Entry> next) throws IOException {
        PskFile.write(file, next);
        entries = List.copyOf(next);
    }

    private static Role role(String name) throws Refused {
        if (name == null) {
            throw new Refused(400, "give a role: reader, operator or engineer");
        }
        try {
            return Role.parse(name);
        } catch (IllegalArgumentException e) {
            throw new Refused(400, e.getMessage());
        }
    }

    /** @return the key of a new secret, which is checked without ever being echoed */
    private byte[] secret(String identity, String secret) throws Refused {
        if (secret == null || secret.isEmpty()) {
            throw new Refused(400, "give the secret of " + identity);
        }
        if (secret.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new Refused(400, "the secret of " + identity + " holds a control character (a line break?)");
        }
        byte[] key;
        if (secret.startsWith("hex:")) {
            try {
                key = HexFormat.of().parseHex(secret.substring(4));
            } catch (IllegalArgumentException e) {
                throw new Refused(400, "the secret of " + identity + " starts with hex: but is not hexadecimal");
            }
        } else {
            key = secret.getBytes(StandardCharsets.UTF_8);
        }
        if (key.length < MIN_SECRET_BYTES) {
            throw new Refused(400, "the secret of " + identity + " has " + key.length + " bytes; a new secret needs "
                    + "at least " + MIN_SECRET_BYTES + " (such as 32 hexadecimal digits of openssl rand -hex 16)");
        }
        if (publicSecrets.stream().anyMatch(p -> Arrays.equals(p, key))) {
            throw new Refused(400, "the secret of " + identity + " is a public development secret: choose a random one");
        }
        return key;
    }

    private Source sourceOf(String identity) {
        if (configured.contains(identity)) {
            return Source.CONFIGURATION;
        }
        if (development.contains(identity)) {
            return Source.DEVELOPMENT;
        }
        return Source.FILE;
    }

    private String where(Source source) {
        return switch (source) {
        case FILE -> file == null ? "the post's secret file" : file.toString();
        case CONFIGURATION -> CONFIGURATION + " (psk)";
        case DEVELOPMENT -> CONFIGURATION + " (development.psk)";
        case CERTIFICATE -> CONFIGURATION + " (certificate.roles)";
        };
    }
}
