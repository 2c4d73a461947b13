package org.lampyris.lampctl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.californium.core.coap.CoAP.Code;

/**
 * One post at a glance, as {@code lampctl status} and the engineer's page show it: whether it answers, its plugins
 * (the bundles that are not the platform's protected set) with their versions, its health, whether the fail-safe
 * level holds the light, its light level, where it stands, and the last error met while asking.
 *
 * @param host the post
 * @param reachable whether it answered at all
 * @param postId the post id it reports, or null
 * @param plugins plugin symbolic name to version, in the post's order
 * @param health {@code ok}, {@code degraded}, or null when unknown
 * @param failSafe whether the fail-safe level holds the light (no lighting plugin does)
 * @param development whether it is a development post (started with --dev)
 * @param level the light level in %, or null
 * @param latitude degrees north, or null when the post does not say
 * @param longitude degrees east, or null
 * @param lastError the first thing that went wrong while asking, or null
 */
record PostStatus(HostAddress host, boolean reachable, String postId, Map<String, String> plugins, String health,
        boolean failSafe, boolean development, Double level, Double latitude, Double longitude, String lastError) {

    /** Asks a post: GET /mgmt/health, /mgmt/bundles and /light/level; never throws. */
    static PostStatus of(Session session, HostAddress host) {
        String error = null;
        Map<?, ?> health = null;
        try {
            health = json(session, host, "/mgmt/health") instanceof Map<?, ?> m ? m : null;
        } catch (CommandFailure failure) {
            if (failure.answer() == null) {
                return unreachable(host, failure.getMessage());
            }
            error = failure.getMessage();
        }
        Map<String, String> plugins = new LinkedHashMap<>();
        try {
            if (json(session, host, BundleCommands.BUNDLES) instanceof List<?> bundles) {
                for (Object b : bundles) {
                    if (!"true".equals(Json.member(b, "protected"))) {
                        plugins.put(Json.member(b, "symbolicName"), Json.member(b, "version"));
                    }
                }
            }
        } catch (CommandFailure failure) {
            error = error == null ? failure.getMessage() : error;
        }
        Double level = null;
        try {
            Answer answer = session.call(host, Session.request(Code.GET, "/light/level", null));
            level = Double.valueOf(answer.text().strip());
        } catch (CommandFailure failure) {
            error = error == null ? failure.getMessage() : error;
        } catch (NumberFormatException e) {
            error = error == null ? host + ": GET /light/level: not a number" : error;
        }
        Map<?, ?> failSafe = health != null && health.get("failSafe") instanceof Map<?, ?> f ? f : Map.of();
        Map<?, ?> dev = health != null && health.get("development") instanceof Map<?, ?> d ? d : Map.of();
        Map<?, ?> site = health != null && health.get("site") instanceof Map<?, ?> s ? s : Map.of();
        return new PostStatus(host, true, health == null ? null : Json.member(health, "post"), plugins,
                health == null ? null : Json.member(health, "status"), Boolean.TRUE.equals(failSafe.get("engaged")),
                Boolean.TRUE.equals(dev.get("active")), level, number(site.get("latitude")),
                number(site.get("longitude")), error);
    }

    static PostStatus unreachable(HostAddress host, String why) {
        return new PostStatus(host, false, null, Map.of(), null, false, false, null, null, null, why);
    }

    /** @return the row of {@code lampctl status} */
    String[] row() {
        List<String> versions = new ArrayList<>();
        plugins.forEach((bsn, version) -> versions.add(shortName(bsn) + " " + version));
        return new String[] { host.toString(), reachable ? "yes" : "no", versions.isEmpty() ? "-"
                : String.join(", ", versions), health == null ? "-" : health, reachable ? (failSafe ? "ENGAGED" : "off")
                : "-", level == null ? "-" : format(level), lastError == null ? "" : lastError };
    }

    static final String[] HEADER = { "host", "reachable", "plugins", "health", "fail-safe", "level %",
        "last error" };

    /** @return the status as the page's JSON */
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("host", host.toString());
        json.put("reachable", reachable);
        json.put("post", postId);
        json.put("plugins", plugins);
        json.put("health", health);
        json.put("failSafe", failSafe);
        json.put("development", development);
        json.put("level", level);
        json.put("latitude", latitude);
        json.put("longitude", longitude);
        json.put("lastError", lastError);
        return json;
    }

    /** {@code org.lampyris.dimming} reads as {@code dimming}; a vendor's name stays whole. */
    private static String shortName(String bsn) {
        return bsn != null && bsn.startsWith("org.lampyris.") ? bsn.substring("org.lampyris.".length()) : bsn;
    }

    private static String format(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static Double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : null;
    }

    private static Object json(Session session, HostAddress host, String path) throws CommandFailure {
        Answer answer = session.call(host, Session.request(Code.GET, path, null));
        try {
            return Json.parse(answer.text());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
