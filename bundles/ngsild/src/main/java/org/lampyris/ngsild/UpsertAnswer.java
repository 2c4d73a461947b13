package org.lampyris.ngsild;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.lampyris.internal.json.Json;
import org.lampyris.internal.json.JsonException;

/**
 * What a broker's answer to a batch upsert means for each entity sent (ETSI GS CIM 009, 5.6.8): 201 (all created)
 * and 204 (all updated) take the batch; 207 Multi-Status lists the ids that succeeded and, for each that failed,
 * its problem details; any other answer says nothing about the entities, only why the batch was not taken.
 *
 * @param taken the ids the broker took
 * @param refused the ids it refused, each with its reason (the problem's title and detail)
 * @param problem why the whole batch was not taken, or null
 * @param entityProblem whether that problem is about what was sent (400, 413, 422): sent alone, an entity that
 *            causes it is refused rather than sent again and again; otherwise the broker is unreachable, refuses the
 *            post's credentials, or fails, and the batch is sent again later
 */
record UpsertAnswer(Set<String> taken, Map<String, String> refused, String problem, boolean entityProblem) {

    /**
     * @param ids the ids sent, in order
     * @param status the HTTP status
     * @param body the body of the answer, perhaps empty
     */
    static UpsertAnswer of(List<String> ids, int status, String body) {
        if (status == 201 || status == 204 || status == 200) {
            return new UpsertAnswer(Set.copyOf(ids), Map.of(), null, false);
        }
        if (status == 207) {
            return multiStatus(ids, body);
        }
        String problem = status + " " + reason(body);
        return new UpsertAnswer(Set.of(), Map.of(), problem, status == 400 || status == 413 || status == 422);
    }

    @SuppressWarnings("unchecked")
    private static UpsertAnswer multiStatus(List<String> ids, String body) {
        Object parsed;
        try {
            parsed = Json.parse(body);
        } catch (JsonException e) {
            return new UpsertAnswer(Set.of(), Map.of(), "207 with a body that is not JSON: " + e.getMessage(), false);
        }
        if (!(parsed instanceof Map<?, ?> m)) {
            return new UpsertAnswer(Set.of(), Map.of(), "207 with a body that is no BatchOperationResult", false);
        }
        Set<String> taken = m.get("success") instanceof List<?> l
                ? l.stream().map(String::valueOf).filter(ids::contains).collect(Collectors.toSet())
                : Set.of();
        Map<String, String> refused = new LinkedHashMap<>();
        if (m.get("errors") instanceof List<?> errors) {
            for (Object o : errors) {
                if (o instanceof Map<?, ?> e && e.get("entityId") instanceof String id && ids.contains(id)) {
                    Object error = e.get("error");
                    refused.put(id, error instanceof Map<?, ?> p ? problemText((Map<String, Object>) p) : "refused");
                }
            }
        }
        for (String id : ids) {
            if (!taken.contains(id) && !refused.containsKey(id)) {
                refused.put(id, "not in the broker's 207 answer");
            }
        }
        return new UpsertAnswer(taken, refused, null, false);
    }

    /** @return an answer's problem details as one line, or its start if it has none */
    @SuppressWarnings("unchecked")
    static String reason(String body) {
        if (body == null || body.isBlank()) {
            return "(no body)";
        }
        try {
            if (Json.parse(body) instanceof Map<?, ?> m) {
                return problemText((Map<String, Object>) m);
            }
        } catch (JsonException e) {
            // not problem details: the start of the text says what it is
        }
        String text = body.strip().replaceAll("\\s+", " ");
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    private static String problemText(Map<String, Object> p) {
        String title = p.get("title") instanceof String s ? s : null;
        String detail = p.get("detail") instanceof String s ? s : null;
        String type = p.get("type") instanceof String s ? s : null;
        if (title != null && detail != null) {
            return title + ": " + detail;
        }
        if (title != null || detail != null) {
            return title != null ? title : detail;
        }
        return type != null ? type : Json.write(p);
    }
}
