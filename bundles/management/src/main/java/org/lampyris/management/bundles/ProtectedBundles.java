package org.lampyris.management.bundles;

import java.util.List;

import org.osgi.framework.Bundle;

/** The bundles whose loss would brick the post: never uninstalled or stopped remotely. */
final class ProtectedBundles {
    private final List<String> patterns;

    ProtectedBundles(String[] patterns) {
        this.patterns = List.of(patterns);
    }

    boolean covers(Bundle bundle) {
        if (bundle.getBundleId() == 0) {
            return true;
        }
        String bsn = bundle.getSymbolicName();
        for (String p : patterns) {
            String pattern = p.trim();
            boolean match = pattern.endsWith("*") ? bsn.startsWith(pattern.substring(0, pattern.length() - 1))
                    : bsn.equals(pattern);
            if (match) {
                return true;
            }
        }
        return false;
    }
}
