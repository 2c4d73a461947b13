package org.lampyris.internal.journal;

import java.util.Objects;

/**
 * What the post must run once no transaction of a bundle is under way, whatever happened before: the launcher
 * ensures it at every boot, and the base bundle set respects it.
 */
public sealed interface Committed permits Committed.Absent, Committed.BaseSet, Committed.Kept {
    /** The bundle must not be installed. */
    Committed ABSENT = new Absent();
    /** The distribution's base set decides. */
    Committed BASE_SET = new BaseSet();

    /** @return the post runs this release, from its kept JAR */
    static Committed to(Release release) {
        return new Kept(release);
    }

    /** Uninstalled remotely, or a fresh install that never completed. */
    record Absent() implements Committed {
    }

    /** Remote management has not decided: a base bundle the distribution ships and no transaction changed. */
    record BaseSet() implements Committed {
    }

    /** A release that remote management put in place. */
    record Kept(Release release) implements Committed {
        public Kept {
            Objects.requireNonNull(release, "release");
        }
    }
}
