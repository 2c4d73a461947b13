package org.lampyris.management.bundles;

import org.osgi.framework.Bundle;

/** The names of bundle states as the JSON answers spell them. */
public final class BundleStates {
    private BundleStates() {
    }

    public static String name(int state) {
        return switch (state) {
        case Bundle.INSTALLED -> "INSTALLED";
        case Bundle.RESOLVED -> "RESOLVED";
        case Bundle.STARTING -> "STARTING";
        case Bundle.ACTIVE -> "ACTIVE";
        case Bundle.STOPPING -> "STOPPING";
        case Bundle.UNINSTALLED -> "UNINSTALLED";
        default -> "UNKNOWN";
        };
    }
}
