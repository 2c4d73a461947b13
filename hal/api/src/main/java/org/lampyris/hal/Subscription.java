package org.lampyris.hal;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A registration of a listener with a device. Closing it stops the notifications; closing it twice is harmless.
 * A plugin closes its subscriptions when its component deactivates.
 */
@ProviderType
@FunctionalInterface
public interface Subscription extends AutoCloseable {
    @Override
    void close();
}
