package org.lampyris.api.charging;

import java.time.Instant;

/**
 * The state of a charge point.
 *
 * @param time when, in post time
 * @param state the IEC 61851 state, {@code A} to {@code F}
 * @param currentAmps the current drawn by the vehicle
 * @param limitAmps the current the vehicle may draw at most now
 * @param powerWatts the charging power
 * @param energyWattHours the meter reading
 */
public record ChargePointStatus(Instant time, String state, double currentAmps, double limitAmps, double powerWatts,
        double energyWattHours) {
}
