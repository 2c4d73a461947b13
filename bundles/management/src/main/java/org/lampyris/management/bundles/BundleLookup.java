package org.lampyris.management.bundles;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** Finds installed bundles by symbolic name. */
final class BundleLookup {
    private BundleLookup() {
    }

    /** @return the installed bundle of that symbolic name, {@code null} when there is none */
    static Bundle find(BundleContext context, String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName()) && b.getState() != Bundle.UNINSTALLED) {
                return b;
            }
        }
        return null;
    }
}
