package org.lampyris.api.charging;

import java.time.Instant;

/**
 * One charging session of a charge point, from its authorisation to its end, as a back office bills it.
 *
 * @param id a sequence number, unique on this post and never reused, also across restarts
 * @param identifier the RFID card or contract id that authorised the session; null for free charging
 * @param start when the session was authorised, in post time
 * @param end when it ended; while it runs, when it was last observed
 * @param startMeterWattHours the meter reading the energy is counted from
 * @param energyWattHours the energy delivered in the session so far
 * @param reason why it ended; null while it runs
 */
public record Session(long id, String identifier, Instant start, Instant end, double startMeterWattHours,
        double energyWattHours, SessionEnd reason) {

    /** @return true until the session has ended */
    public boolean running() {
        return reason == null;
    }

    /** @return the meter reading at the end, or when it was last observed: the start reading plus the energy */
    public double endMeterWattHours() {
        return startMeterWattHours + energyWattHours;
    }
}
