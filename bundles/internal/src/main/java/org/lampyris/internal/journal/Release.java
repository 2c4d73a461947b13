package org.lampyris.internal.journal;

import java.util.Objects;
import java.util.Optional;

/**
 * A version of a bundle, and the JAR of it the journal keeps when it keeps one.
 *
 * @param version the bundle version, as the framework spells it
 * @param jar the kept JAR, relative to the management directory ({@link Journal#resolve})
 */
public record Release(String version, Optional<String> jar) {
    public Release {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(jar, "jar");
        if (version.isEmpty()) {
            throw new IllegalArgumentException("a release has a version");
        }
    }

    /** @return the version with the JAR kept of it */
    public static Release kept(String version, String jar) {
        return new Release(version, Optional.of(jar));
    }

    /** @return the version, with no JAR to go back to */
    public static Release unkept(String version) {
        return new Release(version, Optional.empty());
    }
}
