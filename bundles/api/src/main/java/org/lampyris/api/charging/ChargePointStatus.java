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
 * @param session the running session, or null; null too from a plugin that does not tell sessions
 * @param lastEnded the session that ended last (also before a restart of the post), or null; a consumer that saw a
 *            session running and now sees none finds here how it ended
 */
public record ChargePointStatus(Instant time, String state, double currentAmps, double limitAmps, double powerWatts,
        double energyWattHours, Session session, Session lastEnded) {

    /** A status without sessions, as version 1.0 of this package had it. */
    public ChargePointStatus(Instant time, String state, double currentAmps, double limitAmps, double powerWatts,
            double energyWattHours) {
        this(time, state, currentAmps, limitAmps, powerWatts, energyWattHours, null, null);
    }
}
