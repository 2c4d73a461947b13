package org.lampyris.hal.meter;

import java.time.Instant;

/**
 * One reading of an energy meter.
 *
 * @param time when it was read, in post time
 * @param powerWatts the active power flowing now, in W
 * @param energyWattHours the active energy imported, the meter's register, in Wh
 */
public record MeterReading(Instant time, double powerWatts, double energyWattHours) {
}
