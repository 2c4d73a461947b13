package org.lampyris.lampctl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.californium.core.coap.CoAP.Code;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;

/** bundles, bundle, install, update, rollback, start, stop and uninstall: /mgmt/bundles of one post. */
final class BundleCommands {
    static final String BUNDLES = "/mgmt/bundles";
    private static final String[] COLUMNS = { "id", "state", "version", "symbolicName", "signer" };

    private final Session session;

    BundleCommands(Session session) {
        this.session = session;
    }

    /** GET /mgmt/bundles as a table. */
    void list(HostAddress host) throws CommandFailure {
        if (!(session.getJson(host, BUNDLES, List.class) instanceof List<?> bundles)) {
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(COLUMNS);
        for (Object bundle : bundles) {
            String[] row = new String[COLUMNS.length];
            for (int i = 0; i < COLUMNS.length; i++) {
                String v = Json.member(bundle, COLUMNS[i]);
                row[i] = v == null ? "-" : v;
            }
            rows.add(row);
        }
        Table.print(session.out(), rows);
    }

    /** GET /mgmt/bundles/BSN: its fields, then its last transaction. */
    void show(HostAddress host, String bsn) throws CommandFailure {
        if (!(session.getJson(host, BUNDLES + "/" + bsn, Map.class) instanceof Map<?, ?> bundle)) {
            return;
        }
        for (Map.Entry<?, ?> e : bundle.entrySet()) {
            if (e.getValue() instanceof Map<?, ?> nested) {
                session.out().println(e.getKey() + ":");
                nested.forEach((k, v) -> session.out().println("  " + k + ": " + Json.member(nested, k.toString())));
            } else {
                session.out().println(e.getKey() + ": " + Json.member(bundle, e.getKey().toString()));
            }
        }
    }

    /** POST /mgmt/bundles with the JAR, block-wise with progress. */
    void install(HostAddress host, Path jar) throws CommandFailure, UsageException {
        BundleJar bundle = BundleJar.read(jar);
        Answer answer = upload(host, Session.request(Code.POST, BUNDLES, null), bundle);
        session.out().println(host + ": installed " + bundle.symbolicName() + " " + bundle.version()
                + outcome(answer));
    }

    /**
     * PUT /mgmt/bundles/{its symbolic name}[?rollback] with the JAR: the post verifies, applies, watches its health
     * window and answers, or reverts and refuses.
     *
     * @return what happened, e.g. {@code 127.0.0.1:5684: updated org.lampyris.dimming to 1.1.0: committed}
     */
    String update(HostAddress host, BundleJar bundle, boolean rollback) throws CommandFailure {
        Request request = Session.request(Code.PUT, BUNDLES + "/" + bundle.symbolicName(),
                rollback ? "rollback" : null);
        Answer answer = upload(host, request, bundle);
        return host + ": updated " + bundle.symbolicName() + " to " + bundle.version() + outcome(answer);
    }

    /** POST start, stop or rollback to /mgmt/bundles/BSN. */
    void act(HostAddress host, String action, String bsn) throws CommandFailure {
        Request request = Session.request(Code.POST, BUNDLES + "/" + bsn, null);
        request.getOptions().setContentFormat(MediaTypeRegistry.TEXT_PLAIN);
        request.setPayload(action);
        Answer answer = session.call(host, request);
        session.out().println(host + ": " + action + " " + bsn + outcome(answer));
    }

    /** DELETE /mgmt/bundles/BSN. */
    void uninstall(HostAddress host, String bsn) throws CommandFailure {
        Answer answer = session.call(host, Session.request(Code.DELETE, BUNDLES + "/" + bsn, null));
        session.out().println(host + ": uninstalled " + bsn + outcome(answer));
    }

    /**
     * @return the version of a bundle a post runs, "not installed" on 4.04, "unreachable", or the code of another
     *         refusal
     */
    String versionOn(HostAddress host, String bsn) {
        try {
            Answer answer = session.client().send(host, Session.request(Code.GET, BUNDLES + "/" + bsn, null), null);
            if (answer.code() == org.eclipse.californium.core.coap.CoAP.ResponseCode.NOT_FOUND) {
                return "not installed";
            }
            if (!answer.success()) {
                return "? (" + Answer.codeText(answer.code()) + ")";
            }
            String version = Json.member(Json.parse(answer.text()), "version");
            return version == null ? "?" : version;
        } catch (CommandFailure e) {
            return "unreachable";
        } catch (IllegalArgumentException e) {
            return "? (not JSON)";
        }
    }

    private Answer upload(HostAddress host, Request request, BundleJar bundle) throws CommandFailure {
        request.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_OCTET_STREAM);
        request.setPayload(bundle.bytes());
        UploadProgress progress = new UploadProgress(session.err(), host + ": " + PostClient.describe(request)
                + " " + bundle.file().getFileName(), bundle.bytes().length, session.terminal());
        return session.call(host, request, progress);
    }

    /** @return the post's outcome in a few words, from its JSON or text answer */
    private static String outcome(Answer answer) {
        String text = answer.text().strip();
        if (text.isEmpty()) {
            return ": " + Answer.codeText(answer.code());
        }
        try {
            Object parsed = Json.parse(text);
            String outcome = Json.member(parsed, "outcome");
            if (outcome != null) {
                String from = Json.member(parsed, "from");
                String to = Json.member(parsed, "to");
                String reason = Json.member(parsed, "reason");
                return ": " + outcome + (from != null || to != null ? " (" + (from == null ? "-" : from) + " -> "
                        + (to == null ? "-" : to) + ")" : "") + (reason == null || reason.isEmpty() ? "" : ", "
                        + reason);
            }
            String state = Json.member(parsed, "state");
            if (state != null) {
                // start and stop answer with the bundle as it is now
                return ": " + state + (Json.member(parsed, "version") == null ? "" : ", version "
                        + Json.member(parsed, "version"));
            }
        } catch (IllegalArgumentException e) {
            // plain text: shown as it is
        }
        return ": " + text.replace('\n', ' ');
    }
}
