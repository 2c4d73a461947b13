package org.lampyris.api.charging;

import java.util.function.Consumer;

import org.lampyris.api.Subscription;
import org.osgi.annotation.versioning.ProviderType;

/** The charge-point capability, provided by an EV charging plugin. */
@ProviderType
public interface ChargePoint {

    /** @return the current state of the charge point */
    ChargePointStatus status();

    /**
     * @param listener called when the status changes, from a plugin thread; returns quickly
     * @return the subscription to close when no longer interested
     */
    Subscription onChange(Consumer<ChargePointStatus> listener);
}
