package org.lampyris.lampctl;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.eclipse.californium.core.coap.CoAP.Code;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.lampyris.internal.json.Json;
import org.lampyris.internal.json.JsonException;

/** config, health and log: /mgmt/config, /mgmt/health and /mgmt/log of one post. */
final class ManagementCommands {
    private final Session session;

    ManagementCommands(Session session) {
        this.session = session;
    }

    /**
     * GET /mgmt/config/PID, or PUT it with the JSON object of --set (checked when the command line was parsed; null
     * to read) and print what the post answers.
     */
    void config(HostAddress host, String pid, String set) throws CommandFailure {
        if (set == null) {
            session.print(session.call(host, Session.request(Code.GET, "/mgmt/config/" + pid, null)));
            return;
        }
        Request request = Session.request(Code.PUT, "/mgmt/config/" + pid, null);
        request.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_JSON);
        request.setPayload(set.getBytes(StandardCharsets.UTF_8));
        session.print(session.call(host, request));
    }

    /**
     * GET /mgmt/health and print it; a post that reports {@code degraded} fails the command (exit 1), naming what
     * needs attention, so that a script notices without reading the report.
     */
    void health(HostAddress host) throws CommandFailure {
        Request request = Session.request(Code.GET, "/mgmt/health", null);
        Answer answer = session.call(host, request);
        session.print(answer);
        Object report;
        try {
            report = Json.parse(answer.text());
        } catch (JsonException e) {
            return; // printed as it came; not a report to judge
        }
        if (report instanceof Map<?, ?> health && "degraded".equals(health.get("status"))) {
            throw CommandFailure.reported(host, "GET /mgmt/health", "degraded: " + whatNeedsAttention(health));
        }
    }

    /** @return the non-empty lists of a health report, such as the bundles not active and the quarantined plugins */
    private static String whatNeedsAttention(Map<?, ?> health) {
        List<String> parts = new ArrayList<>();
        if (health.get("bundles") instanceof Map<?, ?> bundles && bundles.get("notActive") instanceof List<?> l
                && !l.isEmpty()) {
            parts.add("bundles not active " + Json.write(l));
        }
        for (String key : List.of("failedComponents", "unsatisfiedComponents", "quarantined", "refusedPoints")) {
            if (health.get(key) instanceof List<?> l && !l.isEmpty()) {
                parts.add(key + " " + Json.write(l));
            }
        }
        if (health.get("links") instanceof List<?> links) {
            for (Object o : links) {
                if (o instanceof Map<?, ?> link && "down".equals(link.get("state"))
                        && link.get("queued") instanceof Number queued && queued.longValue() > 0) {
                    parts.add("link " + link.get("name") + " down with " + queued + " messages queued ("
                            + link.get("lastError") + ")");
                }
            }
        }
        return parts.isEmpty() ? "see the report" : String.join("; ", parts);
    }

    /** GET /mgmt/log, its last --lines lines (asked of the post with {@code ?lines=N}, and cut here too), or all (0). */
    void log(HostAddress host, int lines) throws CommandFailure {
        Request request = Session.request(Code.GET, "/mgmt/log", lines > 0 ? "lines=" + lines : null);
        Answer answer = session.call(host, request);
        if (lines <= 0) {
            session.print(answer);
            return;
        }
        String[] all = answer.text().split("\n", -1);
        int end = all.length > 0 && all[all.length - 1].isEmpty() ? all.length - 1 : all.length;
        String[] last = Arrays.copyOfRange(all, Math.max(0, end - lines), end);
        for (String line : last) {
            session.out().println(line);
        }
        session.out().flush();
    }
}
