package org.lampyris.api.health;

import java.time.Instant;
import java.util.Objects;

/**
 * A plugin bundle the platform stopped because its points kept failing or timing out.
 *
 * @param symbolicName the bundle's symbolic name
 * @param version the bundle's version
 * @param reason why, e.g. "5 failed calls in a row, the last: /vendor/x did not answer within 1000 ms"
 * @param since when it was quarantined
 */
public record QuarantinedPlugin(String symbolicName, String version, String reason, Instant since) {

    public QuarantinedPlugin {
        Objects.requireNonNull(symbolicName, "symbolicName");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(since, "since");
    }
}
