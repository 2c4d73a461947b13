package org.lampyris.runtime;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import org.lampyris.internal.journal.BundleCache;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.startlevel.BundleStartLevel;

/**
 * The bundle archives a boot changed in the framework's cache, so that the launcher can force them to the storage
 * before the post runs. Felix forces nothing it writes; after a power cut it finds the archives of a boot's installs
 * empty, deletes them, and the next boot installs them all again, with new ids and without their data. A boot that
 * changes nothing (the usual one) forces nothing.
 */
final class ChangedArchives {
    /** What Felix keeps of a bundle in its archive's {@code bundle.info}, as the framework API shows it. */
    private record Archive(long lastModified, int startLevel, boolean started) {
        static Archive of(Bundle b) {
            BundleStartLevel level = b.adapt(BundleStartLevel.class);
            return new Archive(b.getLastModified(), level.getStartLevel(), level.isPersistentlyStarted());
        }
    }

    private final Map<Long, Archive> before = new HashMap<>();

    private ChangedArchives(BundleContext context) {
        for (Bundle b : context.getBundles()) {
            if (b.getBundleId() != 0) {
                before.put(b.getBundleId(), Archive.of(b));
            }
        }
    }

    /** @return the archives as the cache holds them now, before the boot changes them */
    static ChangedArchives before(BundleContext context) {
        return new ChangedArchives(context);
    }

    /**
     * Forces every archive that was added or changed since {@link #before}.
     *
     * @return how many were forced
     */
    int force(BundleContext context) throws IOException {
        BundleCache cache = BundleCache.of(context);
        int forced = 0;
        Map<Long, Archive> gone = new HashMap<>(before);
        for (Bundle b : context.getBundles()) {
            if (b.getBundleId() != 0 && !Archive.of(b).equals(gone.remove(b.getBundleId()))) {
                cache.force(b);
                forced++;
            }
        }
        if (!gone.isEmpty()) {
            cache.forceFolder();
        }
        return forced;
    }
}
