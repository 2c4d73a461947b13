package org.lampyris.conformance;

import java.util.Objects;

/**
 * One way a bundle breaks a rule.
 *
 * @param rule the rule
 * @param detail what the bundle does, and what it should do instead
 */
public record Violation(Rule rule, String detail) {
    public Violation {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
        return rule + ": " + detail;
    }
}
