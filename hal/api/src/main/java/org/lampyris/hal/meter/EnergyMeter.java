package org.lampyris.hal.meter;

import java.util.function.Consumer;

import org.lampyris.hal.Subscription;
import org.osgi.annotation.versioning.ProviderType;

/**
 * An energy meter on the feed of one device of the post, such as an Eastron SDM630 on a luminaire's supply. It is the
 * power and energy source of a device that has no metering of its own: a luminaire driver whose control gear reports
 * no power (a DALI-2 driver without D4i energy reporting) takes {@code LuminaireState}'s power and energy from the
 * meter that measures it, so that no plugin needs to know where they come from.
 * <p>
 * A meter says which device it measures with the service property {@link #METERS}: the
 * {@link org.lampyris.hal.DeviceServiceProperties#NAME name} of that device; a meter without it measures the post's
 * luminaire, whichever device that is. A luminaire driver prefers a meter that names it over one that names none.
 * <p>
 * A real meter that cannot be read throws {@link org.lampyris.hal.DeviceUnavailableException} with the reason rather
 * than report its last reading, and the device it meters passes that reason on: a luminaire whose only metering is a
 * meter that does not answer cannot give its state either, and says why.
 */
@ProviderType
public interface EnergyMeter {

    /**
     * The service property naming the device a meter measures (a {@code String}): the
     * {@link org.lampyris.hal.DeviceServiceProperties#NAME} of that device's HAL service.
     */
    String METERS = "lampyris.meter.meters";

    /**
     * @return the last reading: power and energy, both finite, energy never negative
     * @throws org.lampyris.hal.DeviceUnavailableException if a real meter cannot be read now, with the reason
     */
    MeterReading reading();

    /**
     * Registers a listener called when the reading moves noticeably, on a driver thread; it must return quickly, and
     * one that throws is logged and keeps its subscription.
     *
     * @param listener receives each new reading
     * @return the subscription to close when no longer interested
     */
    Subscription onChange(Consumer<MeterReading> listener);
}
