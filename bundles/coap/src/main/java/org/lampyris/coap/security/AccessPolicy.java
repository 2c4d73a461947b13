package org.lampyris.coap.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which role a request needs, from rules such as {@code PUT /light/failsafe=engineer}: a method (or {@code *}), a
 * path (a trailing {@code *} matches any rest) and a role. The first rule that matches decides; a request no rule
 * matches needs the engineer role. Requests without an identity (plain CoAP, or DTLS without credentials) may only
 * read, and only when plain reading is allowed, and never below {@code /mgmt}.
 */
public final class AccessPolicy {

    /** What to answer a request. */
    public record Decision(boolean allowed, boolean authenticate, String reason) {
        static final Decision ALLOW = new Decision(true, false, "");

        static Decision unauthenticated(String reason) {
            return new Decision(false, true, reason);
        }

        static Decision forbidden(String reason) {
            return new Decision(false, false, reason);
        }
    }

    private record Rule(String method, String path, boolean prefix, Role role, String text) {
        boolean matches(String m, String p) {
            if (!method.equals("*") && !method.equals(m)) {
                return false;
            }
            return prefix ? p.startsWith(path) : p.equals(path);
        }
    }

    private final List<Rule> rules;
    private final boolean anonymousReads;

    /**
     * @param rules the rules, in order
     * @param anonymousReads whether a request without an identity may read (GET) points and discovery
     * @throws IllegalArgumentException naming the first malformed rule
     */
    public AccessPolicy(List<String> rules, boolean anonymousReads) {
        List<Rule> parsed = new ArrayList<>();
        for (String text : rules) {
            parsed.add(parse(text));
        }
        this.rules = List.copyOf(parsed);
        this.anonymousReads = anonymousReads;
    }

    private static Rule parse(String text) {
        String t = text.trim();
        int eq = t.lastIndexOf('=');
        int space = t.indexOf(' ');
        if (eq < 0 || space < 0 || space > eq) {
            throw new IllegalArgumentException("policy rule '" + t + "' is not written METHOD PATH=ROLE, such as "
                    + "'PUT /light/failsafe=engineer'");
        }
        String method = t.substring(0, space).trim().toUpperCase(Locale.ROOT);
        String path = t.substring(space + 1, eq).trim();
        if (!method.matches("\\*|GET|PUT|POST|DELETE|FETCH|PATCH|IPATCH")) {
            throw new IllegalArgumentException("policy rule '" + t + "': unknown method '" + method + "'");
        }
        if (!path.equals("*") && !path.startsWith("/")) {
            throw new IllegalArgumentException("policy rule '" + t + "': the path must start with / or be *");
        }
        boolean prefix = path.endsWith("*");
        String p = prefix ? path.substring(0, path.length() - 1) : path;
        return new Rule(method, p, prefix, Role.parse(t.substring(eq + 1)), t);
    }

    /**
     * @param method the request's method, e.g. "GET"
     * @param path the request's path, e.g. "/light/level" ("/" for the root)
     * @param role the requester's role, or null when it has no identity or no role
     * @param authenticated whether the requester has an identity (DTLS), even one without a role
     * @return the decision, with a reason for the client when refused
     */
    public Decision decide(String method, String path, Role role, boolean authenticated) {
        Role needed = Role.ENGINEER;
        for (Rule r : rules) {
            if (r.matches(method, path)) {
                needed = r.role();
                break;
            }
        }
        if (role != null && role.includes(needed)) {
            return Decision.ALLOW;
        }
        boolean mgmt = path.equals("/mgmt") || path.startsWith("/mgmt/");
        if (!authenticated) {
            if (anonymousReads && needed == Role.READER && method.equals("GET") && !mgmt) {
                return Decision.ALLOW;
            }
            return Decision.unauthenticated(method + " " + path + " needs the " + needed.label()
                    + " role: connect over coaps:// with an identity");
        }
        return Decision.forbidden(method + " " + path + " needs the " + needed.label() + " role; this identity has "
                + (role == null ? "no role" : "the " + role.label() + " role"));
    }
}
