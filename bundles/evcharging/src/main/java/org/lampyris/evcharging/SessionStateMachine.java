package org.lampyris.evcharging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

import org.lampyris.api.charging.ChargePointStatus;
import org.lampyris.api.point.InvalidValueException;
import org.lampyris.hal.ev.EvseInfo;
import org.lampyris.hal.ev.EvseState;
import org.lampyris.hal.ev.EvseStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules of a charging session, without threads or side effects: given the equipment's IEC 61851 state, the
 * authorisations and stops clients ask for, and the conditions of the moment, what the session and the offered
 * current become.
 * <ul>
 * <li>A session starts when an identifier is authorised on a connected vehicle, or, with free charging, when a
 * vehicle is connected; a vehicle stopped on request is not charged for free again until it is unplugged.</li>
 * <li>It ends on a stop, when the vehicle is unplugged (state A) or on a fault (E or F).</li>
 * <li>While it runs the vehicle is offered the {@link SupplyShare} of the supply; otherwise nothing.</li>
 * <li>A session that ran when the controller stopped resumes if its vehicle is still connected, and ends as
 * interrupted otherwise.</li>
 * </ul>
 * Not thread-safe: the {@link Charger} calls it on its one decision thread. What a decision means for the equipment,
 * the session file and observers is the {@link Charger}'s to carry out.
 */
final class SessionStateMachine {
    private static final Logger LOG = LoggerFactory.getLogger(SessionStateMachine.class);

    /**
     * What besides the equipment's state a decision depends on, read afresh for each.
     *
     * @param freeCharging whether a connected vehicle charges without an identifier
     * @param operatorLimitAmps the operator's current limit
     * @param supplyLimitWatts the power the post may draw at most
     * @param lightingWatts the power the lighting draws, or is assumed to draw
     */
    record Conditions(boolean freeCharging, double operatorLimitAmps, double supplyLimitWatts,
            double lightingWatts) {
    }

    /**
     * What one decision came to.
     *
     * @param running the running session, or null
     * @param ended the sessions that ended since the previous decision, oldest first
     * @param offeredAmps the current to offer the vehicle; 0 to pause
     * @param sessionsChanged whether a session started or ended since the previous decision, so that they are saved
     * @param status the charge point as the capability shows it
     */
    record Decision(ChargingSession running, List<ChargingSession> ended, double offeredAmps,
            boolean sessionsChanged, ChargePointStatus status) {

        /** @return whether the connector is to be locked: while a session runs */
        boolean connectorLocked() {
            return running != null;
        }
    }

    private final EvseInfo equipment;
    private final LongSupplier ids;
    private final List<ChargingSession> ended = new ArrayList<>();
    private EvseStatus latest;
    private ChargingSession running;
    private boolean recovering;
    private boolean stoppedWhileConnected;
    private boolean sessionsChanged;

    /**
     * @param equipment the charge point's limits, voltage and phases
     * @param unfinished the session that was running when the controller stopped, or null
     * @param ids gives the id of each new session
     */
    SessionStateMachine(EvseInfo equipment, ChargingSession unfinished, LongSupplier ids) {
        this.equipment = equipment;
        this.ids = ids;
        this.running = unfinished;
        this.recovering = unfinished != null;
    }

    /** @return the running session, or null */
    ChargingSession running() {
        return running;
    }

    /**
     * Decides with a new report of the equipment, or with the last one when something else changed.
     *
     * @param reported the equipment's new status, or null for the last one
     * @param now the post time
     * @param conditions the conditions of the moment
     * @return what the session, the offered current and the status become
     * @throws IllegalStateException if the equipment has never reported
     */
    Decision decide(EvseStatus reported, Instant now, Conditions conditions) {
        if (reported != null) {
            latest = reported;
        }
        EvseStatus s = latestStatus();
        boolean connected = connected(s.state());
        if (recovering) {
            recovering = false;
            recover(connected);
        }
        if (running != null) {
            if (connected) {
                running = running.observed(now, s.energyWattHours());
            } else {
                end(running.ended(now, s.energyWattHours(), s.state() == EvseState.A ? EndReason.UNPLUGGED
                        : EndReason.FAULT));
            }
        }
        if (s.state() == EvseState.A) {
            stoppedWhileConnected = false;
        }
        if (running == null && connected && conditions.freeCharging() && !stoppedWhileConnected) {
            start(null, now, s.energyWattHours());
        }
        double amps = running == null ? 0 : SupplyShare.offeredAmps(conditions.operatorLimitAmps(), equipment,
                conditions.supplyLimitWatts(), conditions.lightingWatts());
        Decision decision = new Decision(running, List.copyOf(ended), amps, sessionsChanged,
                new ChargePointStatus(now, s.state().name(), s.currentAmps(), amps, s.powerWatts(),
                        s.energyWattHours()));
        ended.clear();
        sessionsChanged = false;
        return decision;
    }

    /**
     * Starts a session for an identifier on the vehicle connected now; the next decision offers it current. The
     * identifier of the running session authorised again answers that session.
     *
     * @param identifier a well-formed identifier (see {@link Identifier})
     * @param now the post time
     * @return the session
     * @throws InvalidValueException saying why, if no session can start now
     */
    ChargingSession authorise(String identifier, Instant now) throws InvalidValueException {
        EvseState state = latestStatus().state();
        if (running != null) {
            if (identifier.equals(running.identifier())) {
                return running;
            }
            throw new InvalidValueException("session " + running.id() + " is already running; POST \"stop\" "
                    + "to end it first");
        }
        if (state.isError()) {
            throw new InvalidValueException("the charge point is in state " + state + " (" + state.description()
                    + "): no session can start");
        }
        if (!connected(state)) {
            throw new InvalidValueException("no vehicle is connected (state A): plug in, then authorise");
        }
        start(identifier, now, latest.energyWattHours());
        stoppedWhileConnected = false;
        return running;
    }

    /**
     * Ends the running session at a client's request; the next decision withdraws the current and releases the
     * connector.
     *
     * @param now the post time
     * @return the ended session
     * @throws InvalidValueException if no session runs
     */
    ChargingSession stop(Instant now) throws InvalidValueException {
        return stop(now, null);
    }

    /**
     * @param read the equipment's status read at the stop, with the current already cut, so that the session ends
     *            with the meter as it stays; null to end it with the last status
     */
    ChargingSession stop(Instant now, EvseStatus read) throws InvalidValueException {
        if (running == null) {
            throw new InvalidValueException("no charging session is running");
        }
        if (read != null) {
            latest = read;
        }
        ChargingSession stopped = running.ended(now, latestStatus().energyWattHours(), EndReason.STOPPED);
        end(stopped);
        stoppedWhileConnected = true;
        return stopped;
    }

    /**
     * Brings the running session up to a meter reading without deciding anything, to keep it as it is when the
     * controller stops.
     *
     * @return the running session, or null
     */
    ChargingSession observed(Instant now, double meterWattHours) {
        if (running != null) {
            running = running.observed(now, meterWattHours);
        }
        return running;
    }

    private EvseStatus latestStatus() {
        return Objects.requireNonNull(latest, "the charge point has not reported its status yet");
    }

    private void recover(boolean connected) {
        if (connected) {
            LOG.info("EV session {} resumes: the vehicle is still connected", running.id());
            return;
        }
        // When the vehicle left is unknown: the session ends when it was last seen, with the energy counted then.
        LOG.info("EV session {} ended while the controller was stopped", running.id());
        end(running.endedAsLastObserved(EndReason.INTERRUPTED));
    }

    private void start(String identifier, Instant now, double meterWattHours) {
        running = ChargingSession.start(ids.getAsLong(), identifier, now, meterWattHours);
        sessionsChanged = true;
        LOG.info("EV session {} starts{}", running.id(), identifier == null ? " (free charging)" : "");
    }

    private void end(ChargingSession session) {
        running = null;
        ended.add(session);
        sessionsChanged = true;
        LOG.info("EV session {} ends ({}): {} Wh in {}", session.id(), session.reason().text(),
                Math.round(session.energyWattHours()), session.duration());
    }

    private static boolean connected(EvseState state) {
        return state == EvseState.B || state == EvseState.C || state == EvseState.D;
    }
}
