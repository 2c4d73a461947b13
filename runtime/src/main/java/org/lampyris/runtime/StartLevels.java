package org.lampyris.runtime;

import java.util.List;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;

/**
 * Two start levels: the platform's infrastructure (Declarative Services, Configuration Admin, logging, the bundle
 * that applies {@code conf/}, the shared threads, and management, whose log tail then sees the plugins start) starts first, so that every component of the plugins finds its configuration in place
 * and activates once, with it, rather than first with defaults.
 */
final class StartLevels {
    static final int INFRASTRUCTURE = 1;
    static final int PLUGINS = 2;
    private static final Set<String> LAMPYRIS_INFRASTRUCTURE = Set.of("org.lampyris.conf", "org.lampyris.threads",
            "org.lampyris.management");

    private StartLevels() {
    }

    /** Bundles installed from now on (by the journal replay or remotely) start with the plugins. */
    static void assignInitial(Framework framework) {
        framework.adapt(FrameworkStartLevel.class).setInitialBundleStartLevel(PLUGINS);
    }

    static void assign(Framework framework, List<Bundle> base) {
        for (Bundle b : base) {
            b.adapt(BundleStartLevel.class).setStartLevel(levelOf(b.getSymbolicName()));
        }
    }

    static int levelOf(String symbolicName) {
        boolean lampyris = symbolicName.startsWith("org.lampyris.");
        return !lampyris || LAMPYRIS_INFRASTRUCTURE.contains(symbolicName) ? INFRASTRUCTURE : PLUGINS;
    }
}
