package org.lampyris.evcharging;

import java.time.Duration;
import java.time.Instant;

import org.lampyris.api.charging.Session;
import org.lampyris.api.charging.SessionEnd;

/**
 * One charging session, from its authorisation to its end. The energy is the movement of the charge point's meter
 * since the start; should the meter go backwards (a replaced meter, a restarted simulator), the energy counted so
 * far is kept and counting resumes from the new reading.
 *
 * @param id a sequence number, unique on this post
 * @param identifier the RFID card or contract id that authorised the session; null for free charging
 * @param start when the session was authorised, in post time
 * @param end when it ended; while it runs, when it was last observed
 * @param startMeterWattHours the meter reading the energy is counted from
 * @param energyWattHours the energy delivered in the session
 * @param reason why it ended; null while it runs
 */
record ChargingSession(long id, String identifier, Instant start, Instant end, double startMeterWattHours,
        double energyWattHours, EndReason reason) {

    /** @return a session starting now, with nothing delivered yet */
    static ChargingSession start(long id, String identifier, Instant now, double meterWattHours) {
        return new ChargingSession(id, identifier, now, now, meterWattHours, 0, null);
    }

    /** @return true until the session has ended */
    boolean running() {
        return reason == null;
    }

    /** @return how long the session lasted, or has lasted until it was last observed */
    Duration duration() {
        return Duration.between(start, end);
    }

    /**
     * @return this session brought up to a new meter reading. Its end never goes back: a post clock set back (a
     *         real-time clock reset by a power cut, a correction) leaves it where it was, so a session never ends
     *         before it started.
     */
    ChargingSession observed(Instant now, double meterWattHours) {
        Instant at = now.isBefore(end) ? end : now;
        if (meterWattHours >= startMeterWattHours) {
            return new ChargingSession(id, identifier, start, at, startMeterWattHours,
                    meterWattHours - startMeterWattHours, null);
        }
        return new ChargingSession(id, identifier, start, at, meterWattHours - energyWattHours, energyWattHours,
                null);
    }

    /** @return this session ended now, at a last meter reading */
    ChargingSession ended(Instant now, double meterWattHours, EndReason why) {
        return observed(now, meterWattHours).endedAsLastObserved(why);
    }

    /** @return this session ended when it was last observed, with the energy counted until then */
    ChargingSession endedAsLastObserved(EndReason why) {
        return new ChargingSession(id, identifier, start, end, startMeterWattHours, energyWattHours, why);
    }

    /** @return this session as the charge-point capability shows it */
    Session capability() {
        return new Session(id, identifier, start, end, startMeterWattHours, energyWattHours,
                reason == null ? null : SessionEnd.valueOf(reason.name()));
    }
}
