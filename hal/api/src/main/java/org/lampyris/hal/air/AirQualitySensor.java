package org.lampyris.hal.air;

import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The air-quality sensors of a lamp post, read on demand. A sensor that is absent is not in {@link #channels()}; one
 * that is present but cannot be read right now throws.
 */
@ProviderType
public interface AirQualitySensor {

    /** @return the channels this hardware measures */
    Set<AirChannel> channels();

    /**
     * Takes one sample of every channel.
     *
     * @return the sample; a channel that failed to read is missing from it
     * @throws SensorException if the sensor as a whole cannot be read
     */
    AirSample sample() throws SensorException;
}
