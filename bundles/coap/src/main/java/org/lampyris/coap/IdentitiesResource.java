package org.lampyris.coap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.lampyris.api.management.ManagementRequest;
import org.lampyris.api.management.ManagementResource;
import org.lampyris.api.management.ManagementResponse;
import org.lampyris.coap.security.IdentityChanges;
import org.lampyris.internal.json.Json;
import org.lampyris.internal.json.JsonException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /mgmt/security/identities}: the DTLS identities of the post and their roles (GET, never a secret), and the
 * engineer's remote provisioning of pre-shared keys: POST {@code {"identity", "role", "secret"}} adds one,
 * PUT {@code /mgmt/security/identities/{id}} with {@code {"secret"}} and/or {@code {"role"}} rotates it, DELETE revokes
 * it. The rules are {@link IdentityChanges}'; here the JSON, the codes, and the end of the open sessions of a rotated or
 * revoked identity: before the answer, or, when it is the caller's own identity, just after the answer has left, so
 * that the caller learns that its change was made.
 */
final class IdentitiesResource implements ManagementResource, ManagementTree.AfterAnswer {
    private static final Logger LOG = LoggerFactory.getLogger(IdentitiesResource.class);
    /** How long ending an identity's sessions may take before the answer goes anyway. */
    private static final long END_SESSIONS_SECONDS = 5;
    private static final Pattern OFFSET = Pattern.compile("offset (\\d+)");

    private final IdentityChanges changes;
    private final Function<String, Future<?>> endSessions;
    /** The session ending that waits for this request's answer; the management thread handles one at a time. */
    private Runnable afterAnswer;

    /** @param endSessions ends the open DTLS sessions of a pre-shared key identity */
    IdentitiesResource(IdentityChanges changes, Function<String, Future<?>> endSessions) {
        this.changes = changes;
        this.endSessions = endSessions;
    }

    @Override
    public ManagementResponse handle(ManagementRequest request) throws Exception {
        afterAnswer = null;
        List<String> path = request.path();
        if (path.size() > 1) {
            return ManagementResponse.text(404, "no such resource: /mgmt/security/identities/IDENTITY is the deepest");
        }
        String id = path.isEmpty() ? null : path.get(0);
        String method = request.method();
        try {
            if (method.equals("GET")) {
                return get(id);
            }
            if (id == null && !method.equals("POST")) {
                return ManagementResponse.text(405, method + " is not allowed on /mgmt/security/identities (GET, "
                        + "POST; PUT and DELETE on /mgmt/security/identities/IDENTITY)");
            }
            return switch (method) {
            case "POST" -> id != null
                    ? ManagementResponse.text(405, "POST /mgmt/security/identities adds an identity; PUT "
                            + "/mgmt/security/identities/" + id + " rotates this one")
                    : added(request);
            case "PUT" -> changed(id, request);
            case "DELETE" -> ended(202, changes.revoke(id, request.identity()), request);
            default -> ManagementResponse.text(405, method + " is not allowed on /mgmt/security/identities/" + id);
            };
        } catch (IdentityChanges.Refused r) {
            return ManagementResponse.text(r.code(), r.getMessage());
        }
    }

    @Override
    public Runnable afterAnswer() {
        Runnable pending = afterAnswer;
        afterAnswer = null;
        return pending;
    }

    private ManagementResponse get(String id) {
        List<Object> all = new ArrayList<>();
        for (IdentityChanges.Listed listed : changes.list()) {
            if (id == null || listed.identity().equals(id)) {
                all.add(describe(listed));
            }
        }
        if (id == null) {
            return ManagementResponse.json(205, Json.write(all));
        }
        return all.isEmpty() ? ManagementResponse.text(404, "no identity " + id
                + " (GET /mgmt/security/identities lists them)") : ManagementResponse.json(205, Json.write(all.get(0)));
    }

    private ManagementResponse added(ManagementRequest request) throws Exception {
        Map<String, String> body = body(request, List.of("identity", "role", "secret"));
        if (body.get("identity") == null) {
            throw refused("give the identity: {\"identity\": ..., \"role\": ..., \"secret\": ...}");
        }
        IdentityChanges.Change change = changes.add(body.get("identity"), body.get("role"), body.get("secret"),
                request.identity());
        return ManagementResponse.json(201, Json.write(answer(change)));
    }

    private ManagementResponse changed(String id, ManagementRequest request) throws Exception {
        Map<String, String> body = body(request, List.of("secret", "role"));
        return ended(204, changes.change(id, body.get("role"), body.get("secret"), request.identity()), request);
    }

    /** Ends the sessions of a rotated or revoked identity, then answers. */
    private ManagementResponse ended(int code, IdentityChanges.Change change, ManagementRequest request)
            throws InterruptedException {
        if (change.endsSessions()) {
            if (request.identity().equals("psk " + change.identity())) {
                afterAnswer = () -> endSessions.apply(change.identity());
            } else {
                Future<?> ending = endSessions.apply(change.identity());
                try {
                    ending.get(END_SESSIONS_SECONDS, TimeUnit.SECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    LOG.warn("Ending the DTLS sessions of {} did not finish: {}", change.identity(), e.toString());
                }
            }
        }
        return ManagementResponse.json(code, Json.write(answer(change)));
    }

    private static Map<String, Object> answer(IdentityChanges.Change change) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("identity", change.identity());
        json.put("change", change.action());
        json.put("sessionsEnded", change.endsSessions());
        return json;
    }

    private static Map<String, Object> describe(IdentityChanges.Listed listed) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("identity", listed.identity());
        json.put("kind", listed.kind());
        json.put("role", listed.role().label());
        json.put("source", listed.source().label());
        json.put("changeable", listed.changeable());
        json.put("where", listed.where());
        return json;
    }

    /**
     * @return the string members of a JSON object body, only those named
     * @throws IdentityChanges.Refused 400 naming what is wrong, never quoting the body (it carries a secret)
     */
    private static Map<String, String> body(ManagementRequest request, List<String> allowed)
            throws IdentityChanges.Refused {
        if (request.contentFormat() != -1 && request.contentFormat() != ManagementResponse.JSON) {
            throw refused("send a JSON object (Content-Format 50, application/json)");
        }
        Object parsed;
        try {
            parsed = Json.parse(request.body());
        } catch (JsonException e) {
            Matcher at = OFFSET.matcher(String.valueOf(e.getMessage()));
            throw refused("the body is not valid JSON" + (at.find() ? " (at offset " + at.group(1) + ")" : ""));
        }
        if (!(parsed instanceof Map<?, ?> object)) {
            throw refused("the body must be a JSON object with " + String.join(", ", allowed));
        }
        Map<String, String> members = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : object.entrySet()) {
            String name = String.valueOf(e.getKey());
            if (!allowed.contains(name)) {
                throw refused("unknown member '" + name + "': this request takes " + String.join(", ", allowed));
            }
            if (!(e.getValue() instanceof String value)) {
                throw refused("'" + name + "' must be a JSON string");
            }
            members.put(name, value);
        }
        return members;
    }

    private static IdentityChanges.Refused refused(String reason) {
        return new IdentityChanges.Refused(400, reason);
    }
}
