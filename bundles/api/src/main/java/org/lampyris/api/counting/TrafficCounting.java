package org.lampyris.api.counting;

import java.util.function.Consumer;

import org.lampyris.api.Subscription;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The counting capability, provided by a people and traffic counting plugin. A dimming plugin consumes it to boost the
 * light when someone is near.
 */
@ProviderType
public interface TrafficCounting {

    /** @return the road users present now and the counts of today */
    TrafficStatus status();

    /**
     * @param listener called when presence or counts change, from a plugin thread; returns quickly
     * @return the subscription to close when no longer interested
     */
    Subscription onChange(Consumer<TrafficStatus> listener);
}
