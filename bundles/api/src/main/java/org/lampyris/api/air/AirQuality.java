package org.lampyris.api.air;

import java.util.Optional;
import java.util.function.Consumer;

import org.lampyris.api.Subscription;
import org.osgi.annotation.versioning.ProviderType;

/** The air-quality capability, provided by an air-quality plugin. */
@ProviderType
public interface AirQuality {

    /** @return the latest report, empty until the first sample has been taken */
    Optional<AirQualityReport> latest();

    /**
     * @param listener called with each new report, from a plugin thread; returns quickly
     * @return the subscription to close when no longer interested
     */
    Subscription onReport(Consumer<AirQualityReport> listener);
}
