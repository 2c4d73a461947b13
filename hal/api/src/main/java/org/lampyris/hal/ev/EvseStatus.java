package org.lampyris.hal.ev;

import java.time.Instant;

/**
 * A snapshot of a charge point.
 *
 * @param time when it was taken, in post time
 * @param state the control-pilot state
 * @param offeredCurrentAmps the maximum current offered to the vehicle, 0 when paused
 * @param currentAmps the current actually drawn, per phase
 * @param powerWatts the power drawn now
 * @param energyWattHours the meter reading
 * @param connectorLocked whether the connector is locked
 */
public record EvseStatus(Instant time, EvseState state, double offeredCurrentAmps, double currentAmps,
        double powerWatts, double energyWattHours, boolean connectorLocked) {
}
