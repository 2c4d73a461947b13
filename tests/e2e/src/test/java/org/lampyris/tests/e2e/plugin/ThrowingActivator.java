package org.lampyris.tests.e2e.plugin;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** A vendor plugin that cannot start: {@code BadBundlesTest} packs it into a signed bundle at run time. */
public class ThrowingActivator implements BundleActivator {
    @Override
    public void start(BundleContext context) {
        throw new IllegalStateException("lamp driver missing");
    }

    @Override
    public void stop(BundleContext context) {
    }
}
