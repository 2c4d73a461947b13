package org.lampyris.internal.journal;

import java.util.Locale;
import java.util.Optional;

/**
 * What kind of problem a refused upload has, as the management answers name it ({@code "problem"} of a
 * {@code ?verify} answer), for clients that report it in a vocabulary of their own (LwM2M object 9).
 */
public enum UploadProblem {
    /** Not a JAR, or not an OSGi bundle. */
    PACKAGE,
    /** Unsigned, tampered with, or signed by a key the post does not trust. */
    INTEGRITY,
    /** The post cannot check anything (its trust store is missing, say). */
    PLATFORM,
    /** A valid, trusted bundle that does not fit what is installed (a lower version, say). */
    CONFLICT;

    /** @return the name the management answers use ({@code package}, ...) */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the problem named so, empty for anything else (an answer that names none) */
    public static Optional<UploadProblem> of(Object text) {
        for (UploadProblem p : values()) {
            if (p.text().equals(text)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
