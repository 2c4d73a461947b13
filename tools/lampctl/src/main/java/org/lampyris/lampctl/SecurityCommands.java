package org.lampyris.lampctl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.californium.core.coap.CoAP.Code;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;

/**
 * identity list|add|rotate|revoke and trust show|replace: /mgmt/security/identities and /mgmt/security/trust of one
 * post. A secret travels in the request body only, never in a URI, and is printed only when lampctl made it.
 */
final class SecurityCommands {
    static final String IDENTITIES = "/mgmt/security/identities";
    static final String TRUST = "/mgmt/security/trust";
    private static final String[] IDENTITY_COLUMNS = { "identity", "kind", "role", "source", "changeable" };

    private final Session session;

    SecurityCommands(Session session) {
        this.session = session;
    }

    /** GET /mgmt/security/identities as a table; where each read-only one is changed below it. */
    void list(HostAddress host) throws CommandFailure {
        if (!(session.getJson(host, IDENTITIES, List.class) instanceof List<?> identities)) {
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(IDENTITY_COLUMNS);
        Map<String, String> readOnly = new LinkedHashMap<>();
        for (Object identity : identities) {
            String[] row = new String[IDENTITY_COLUMNS.length];
            for (int i = 0; i < row.length; i++) {
                String v = Json.member(identity, IDENTITY_COLUMNS[i]);
                row[i] = v == null ? "-" : v;
            }
            rows.add(row);
            if ("false".equals(Json.member(identity, "changeable"))) {
                readOnly.putIfAbsent(Json.member(identity, "source"), Json.member(identity, "where"));
            }
        }
        Table.print(session.out(), rows);
        readOnly.forEach((source, where) -> session.out().println("read-only " + source + ": change it in "
                + where));
        session.out().flush();
    }

    /**
     * POST /mgmt/security/identities.
     *
     * @param secret the secret, or null to make one for this post, printed once as IDENTITY:SECRET on stdout
     */
    void add(HostAddress host, String identity, String role, Secret secret) throws CommandFailure {
        Secret key = secret == null ? Secret.random() : secret;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("identity", identity);
        body.put("role", role);
        body.put("secret", key.text());
        session.call(host, json(Code.POST, IDENTITIES, body));
        report(host, "added " + identity + " (" + role + ")", identity, key);
    }

    /** PUT /mgmt/security/identities/ID: a new secret (null to make one), a new role (null to keep it), or both. */
    void rotate(HostAddress host, String identity, String role, Secret secret, boolean keepSecret)
            throws CommandFailure {
        Secret key = keepSecret ? null : secret == null ? Secret.random() : secret;
        Map<String, Object> body = new LinkedHashMap<>();
        if (key != null) {
            body.put("secret", key.text());
        }
        if (role != null) {
            body.put("role", role);
        }
        Answer answer = session.call(host, json(Code.PUT, IDENTITIES + "/" + identity, body));
        String change = Json.member(Json.parse(answer.text()), "change");
        report(host, identity + ": " + (change == null ? "changed" : change)
                + (key == null ? "" : "; its open sessions were ended"), identity, key);
    }

    /** DELETE /mgmt/security/identities/ID. */
    void revoke(HostAddress host, String identity) throws CommandFailure {
        session.call(host, Session.request(Code.DELETE, IDENTITIES + "/" + identity, null));
        session.out().println(host + ": revoked " + identity + "; its open sessions were ended");
        session.out().flush();
    }

    /** A made secret goes to stdout alone, as IDENTITY:SECRET for --psk; what happened goes to stderr then. */
    private void report(HostAddress host, String what, String identity, Secret key) {
        if (key != null && key.generated()) {
            session.err().println(host + ": " + what + ", with a secret made by lampctl, printed once on stdout: "
                    + "keep it, the post never shows it");
            session.out().println(identity + ":" + key.text());
        } else {
            session.out().println(host + ": " + what);
        }
        session.err().flush();
        session.out().flush();
    }

    /** GET /mgmt/security/trust: where the trust store is, then one line per authority. */
    void showTrust(HostAddress host) throws CommandFailure {
        Object parsed = session.getJson(host, TRUST, Map.class);
        if (parsed == null) {
            return;
        }
        session.out().println("trust store: " + Json.member(parsed, "file") + " (" + Json.member(parsed, "source")
                + ("true".equals(Json.member(parsed, "replaceable")) ? ", replaceable with lampctl trust replace"
                        : ", read-only here") + ")");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] { "subject", "not after", "sha-256" });
        if (parsed instanceof Map<?, ?> trust && trust.get("authorities") instanceof List<?> authorities) {
            for (Object a : authorities) {
                rows.add(new String[] { Json.member(a, "subject"), Json.member(a, "notAfter"),
                        Json.member(a, "sha256") });
            }
        }
        if (rows.size() == 1) {
            session.out().println("no code-signing authority is trusted yet: every bundle upload is refused");
        } else {
            Table.print(session.out(), rows);
        }
        session.out().flush();
    }

    /** PUT /mgmt/security/trust with a signed trust-store JAR, block-wise with progress. */
    void replaceTrust(HostAddress host, Path jar, byte[] bytes) throws CommandFailure {
        Request request = Session.request(Code.PUT, TRUST, null);
        request.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_OCTET_STREAM);
        request.setPayload(bytes);
        UploadProgress progress = new UploadProgress(session.err(), host + ": " + PostClient.describe(request) + " "
                + jar.getFileName(), bytes.length, session.terminal());
        Answer answer = session.call(host, request, progress);
        Object parsed = Json.parse(answer.text());
        List<String> subjects = new ArrayList<>();
        if (parsed instanceof Map<?, ?> trust && trust.get("authorities") instanceof List<?> authorities) {
            authorities.forEach(a -> subjects.add(Json.member(a, "subject")));
        }
        session.out().println(host + ": trust store " + ("true".equals(Json.member(parsed, "first")) ? "installed"
                : "replaced") + ", signed by CN=" + Json.member(parsed, "signer") + "; trusted now: "
                + String.join(", ", subjects));
        session.out().flush();
    }

    private static Request json(Code code, String path, Map<String, Object> body) {
        Request request = Session.request(code, path, null);
        request.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_JSON);
        request.setPayload(org.lampyris.internal.json.Json.write(body).getBytes(StandardCharsets.UTF_8));
        return request;
    }

    /** @return the bytes of a file named on the command line, or a usage error naming it */
    static byte[] read(Path file) throws UsageException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UsageException(file + ": no such file");
        } catch (IOException e) {
            throw new UsageException(file + ": cannot read it (" + e.getMessage() + ")");
        }
    }
}
