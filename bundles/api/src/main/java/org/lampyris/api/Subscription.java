package org.lampyris.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A registration of a listener. Closing it stops the notifications; closing it twice is harmless.
 */
@ProviderType
@FunctionalInterface
public interface Subscription extends AutoCloseable {
    @Override
    void close();
}
