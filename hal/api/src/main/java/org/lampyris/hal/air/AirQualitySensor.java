package org.lampyris.hal.air;

import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The air-quality sensors of a lamp post, read on demand. A sensor that is absent is not in {@link #channels()}; one
 * that is present but cannot be read right now throws.
 * <p>
 * Every implementation, the simulator's and each driver with its device profile, passes the same contract suite
 * ({@code org.lampyris.hal.contract.AirQualitySensorContract}); where this interface was silent, the suite and this
 * documentation say the same:
 * <ul>
 * <li>{@link #channels()} is fixed and unmodifiable, never empty; a channel that fails for a while stays in it;</li>
 * <li>a sample holds a value of every channel that could be read and of no other, each finite: concentrations never
 * negative, humidity within 0–100 %RH; a channel that cannot be read (a sensor warming up, a register holding NaN) is
 * missing from the sample, never reported as 0;</li>
 * <li>{@link #sample()} never blocks: a driver returns its last complete reading of the device, and throws
 * {@link SensorException} with the reason, never old air, while the device does not answer;</li>
 * <li>once its component is deactivated a sensor leaves no thread running.</li>
 * </ul>
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
