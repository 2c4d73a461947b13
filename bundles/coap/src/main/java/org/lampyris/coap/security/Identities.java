package org.lampyris.coap.security;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

import org.eclipse.californium.elements.auth.PreSharedKeyIdentity;
import org.eclipse.californium.elements.auth.X509CertPath;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedMultiPskStore;

/**
 * The identities that may reach the post over DTLS and their roles: pre-shared keys written
 * {@code identity:role:secret} (the secret as text, or {@code hex:0a1b...}), and certificate subjects written
 * {@code common-name:role}. Secrets stay in here: {@link #toString()} and every message name identities only.
 * <p>
 * The pre-shared keys are live: an engineer adds, rotates and revokes them at run time ({@link IdentityChanges},
 * {@code /mgmt/security/identities}), and every later role lookup and DTLS handshake sees the change, through the key
 * store this object keeps up to date ({@link #pskStore(Set)}).
 */
public final class Identities {

    /** A pre-shared key identity. */
    public record Psk(String identity, Role role, byte[] secret) {
        @Override
        public String toString() {
            return identity + " (" + role.label() + ")";
        }
    }

    /** Replaced as a whole under the lock, so that a lookup reads one consistent map without taking it. */
    private volatile Map<String, Psk> psk;
    private final Map<String, Role> certificates;
    /** The DTLS key store kept in step with {@link #psk}, once the endpoint has asked for it. */
    private StreetPskStore store;

    private Identities(Map<String, Psk> psk, Map<String, Role> certificates) {
        this.psk = psk;
        this.certificates = certificates;
    }

    /**
     * @throws IllegalArgumentException naming the malformed entry, never its secret
     */
    public static Identities parse(List<String> pskEntries, List<String> certificateEntries) {
        Map<String, Psk> psk = new LinkedHashMap<>();
        for (String entry : pskEntries) {
            String e = entry.trim();
            if (e.isEmpty()) {
                continue;
            }
            String[] parts = e.split(":", 3);
            if (parts.length < 3 || parts[0].isBlank() || parts[2].isEmpty()) {
                String who = parts[0].isBlank() ? "an entry" : "the entry of '" + parts[0] + "'";
                throw new IllegalArgumentException("psk: " + who + " is not written identity:role:secret");
            }
            byte[] secret;
            if (parts[2].startsWith("hex:")) {
                try {
                    secret = HexFormat.of().parseHex(parts[2].substring(4));
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException("psk: the secret of '" + parts[0] + "' is not hexadecimal");
                }
            } else {
                secret = parts[2].getBytes(StandardCharsets.UTF_8);
            }
            if (secret.length < 8) {
                throw new IllegalArgumentException("psk: the secret of '" + parts[0]
                        + "' is shorter than 8 bytes");
            }
            Role role;
            try {
                role = Role.parse(parts[1]);
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("psk: '" + parts[0] + "': " + ex.getMessage());
            }
            if (psk.put(parts[0], new Psk(parts[0], role, secret)) != null) {
                throw new IllegalArgumentException("psk: '" + parts[0] + "' is listed twice");
            }
        }
        Map<String, Role> certificates = new LinkedHashMap<>();
        for (String entry : certificateEntries) {
            String e = entry.trim();
            if (e.isEmpty()) {
                continue;
            }
            int colon = e.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("certificate.roles: '" + e + "' is not written common-name:role");
            }
            certificates.put(e.substring(0, colon).trim(), Role.parse(e.substring(colon + 1)));
        }
        return new Identities(Collections.unmodifiableMap(psk), Collections.unmodifiableMap(certificates));
    }

    public List<Psk> pskIdentities() {
        return List.copyOf(psk.values());
    }

    /** @return the pre-shared key of an identity, if it has one */
    public Optional<Psk> psk(String identity) {
        return Optional.ofNullable(psk.get(identity));
    }

    /** @return the certificate common names and their roles */
    public Map<String, Role> certificateRoles() {
        return certificates;
    }

    /**
     * @param refusedDevelopmentIdentities development identities a street post refuses, to log refusals by name
     * @return the DTLS key store of these identities, which follows every later change of them
     */
    public synchronized AdvancedMultiPskStore pskStore(Set<String> refusedDevelopmentIdentities) {
        StreetPskStore keys = new StreetPskStore(refusedDevelopmentIdentities);
        psk.values().forEach(p -> keys.setKey(p.identity(), p.secret()));
        store = keys;
        return keys;
    }

    /** Adds a key, or replaces the key and role of an identity, for the next lookup and handshake. */
    synchronized void put(Psk key) {
        Map<String, Psk> next = new LinkedHashMap<>(psk);
        next.put(key.identity(), key);
        psk = Collections.unmodifiableMap(next);
        if (store != null) {
            store.setKey(key.identity(), key.secret());
        }
    }

    /** Removes an identity's key: no handshake with it succeeds from now on. */
    synchronized void remove(String identity) {
        Map<String, Psk> next = new LinkedHashMap<>(psk);
        next.remove(identity);
        psk = Collections.unmodifiableMap(next);
        if (store != null) {
            store.removeKey(identity);
        }
    }

    /** @return the role of an authenticated peer, or null if it has none */
    public Role roleOf(Principal peer) {
        if (peer instanceof PreSharedKeyIdentity p) {
            Psk known = psk.get(p.getIdentity());
            return known == null ? null : known.role();
        }
        if (peer instanceof X509CertPath path) {
            X509Certificate target = path.getTarget();
            return target == null ? null : certificates.get(commonName(target));
        }
        return null;
    }

    /** @return the name to log for a peer: its PSK identity or its certificate's common name */
    public static String nameOf(Principal peer) {
        if (peer instanceof PreSharedKeyIdentity p) {
            return "psk " + p.getIdentity();
        }
        if (peer instanceof X509CertPath path && path.getTarget() != null) {
            return "certificate " + commonName(path.getTarget());
        }
        return peer == null ? "anonymous" : peer.getName();
    }

    static String commonName(X509Certificate certificate) {
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return String.valueOf(rdn.getValue());
                }
            }
        } catch (InvalidNameException e) {
            // no common name
        }
        return "";
    }

    @Override
    public String toString() {
        return psk.size() + " PSK identities " + psk.keySet() + ", " + certificates.size() + " certificate subjects "
                + certificates.keySet();
    }
}
