package org.lampyris.coap.security;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

import org.eclipse.californium.elements.auth.PreSharedKeyIdentity;
import org.eclipse.californium.elements.auth.X509CertPath;

/**
 * The identities that may reach the post over DTLS and their roles: pre-shared keys written
 * {@code identity:role:secret} (the secret as text, or {@code hex:0a1b...}), and certificate subjects written
 * {@code common-name:role}. Secrets stay in here: {@link #toString()} and every message name identities only.
 */
public final class Identities {

    /** A pre-shared key identity. */
    public record Psk(String identity, Role role, byte[] secret) {
        @Override
        public String toString() {
            return identity + " (" + role.label() + ")";
        }
    }

    private final Map<String, Psk> psk;
    private final Map<String, Role> certificates;

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
        return new Identities(java.util.Collections.unmodifiableMap(psk), java.util.Collections.unmodifiableMap(certificates));
    }

    public List<Psk> pskIdentities() {
        return List.copyOf(psk.values());
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
