package org.lampyris.tests.osgi.updates;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** A plugin that cannot start. */
public class ThrowingActivator implements BundleActivator {
    @Override
    public void start(BundleContext context) {
        throw new IllegalStateException("lamp driver missing");
    }

    @Override
    public void stop(BundleContext context) {
    }
}
