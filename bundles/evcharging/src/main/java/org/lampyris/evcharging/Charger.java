package org.lampyris.evcharging;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.lampyris.api.Scheduling;
import org.lampyris.api.Subscription;
import org.lampyris.api.charging.Authorisation;
import org.lampyris.api.charging.AvailabilityChange;
import org.lampyris.api.charging.ChargePoint;
import org.lampyris.api.charging.ChargePointStatus;
import org.lampyris.api.charging.Session;
import org.lampyris.api.charging.SessionAuthoriser;
import org.lampyris.api.lighting.LightingControl;
import org.lampyris.api.point.InvalidValueException;
import org.lampyris.api.point.LiveValue;
import org.lampyris.api.point.Reading;
import org.lampyris.evcharging.SessionStateMachine.Conditions;
import org.lampyris.evcharging.SessionStateMachine.Decision;
import org.lampyris.hal.TimeSource;
import org.lampyris.hal.ev.EvSupplyEquipment;
import org.lampyris.hal.ev.EvseInfo;
import org.lampyris.hal.ev.EvseStatus;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Supervises the post's charge point and provides the charge-point capability. It follows the equipment through the
 * IEC 61851 states, from its change events and a periodic reading; runs sessions, which start once authorised (an
 * identifier posted to {@code /ev/sessions}, or any connected vehicle with free charging) and end on request, on
 * unplugging or on a fault; and offers the vehicle no more current than the post's supply leaves after the lighting,
 * as the lighting capability (any vendor's) reports it, or a conservative reserve while there is none.
 * <p>
 * The {@link SessionStateMachine} decides; this component runs each decision on its {@link DecisionThread} and
 * carries it out: commands to the equipment, the session file, and then, holding no lock, the {@link StatusPublisher}.
 * Clients' requests (authorise, stop, a new limit) wait there for their decision, a bounded time; notifications
 * (the equipment's reports, the lighting's changes, a new configuration) only queue theirs, because their senders
 * must return quickly. A command makes the equipment report a new status, often on the decision thread itself: such
 * a report is handled once the decision under way is carried out, so that a decision never sees its own half-applied
 * state.
 */
@Component(service = { ChargePoint.class, Charger.class }, configurationPid = EvChargingConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
@Designate(ocd = EvChargingConfig.class)
public class Charger implements ChargePoint {
    /** The sessions file in the bundle's data area. */
    static final String SESSIONS_FILE = "ev-sessions.txt";
    /** Whether the charge point is in service, in the bundle's data area. */
    static final String AVAILABILITY_FILE = "ev-availability.txt";
    /** The name of the thread every decision runs on, for thread dumps. */
    static final String DECISION_THREAD = "lampyris-evcharging";
    private static final Logger LOG = LoggerFactory.getLogger(Charger.class);

    private final EvSupplyEquipment evse;
    private final TimeSource time;
    private final SessionLog log;
    private final SessionStateMachine machine;
    private final EquipmentCommands commands;
    private final OperatorLimit limit;
    private final LightingPower lighting = new LightingPower();
    private final StatusPublisher published;
    private final DecisionThread decisions;
    private final Availability availability;
    private final org.lampyris.hal.Subscription evseEvents;
    private volatile EvChargingConfig config;
    /** A back office that decides on identifiers, while there is one. */
    private volatile SessionAuthoriser authoriser;
    /** What a back office (an OCPP charging schedule) allows; in memory only, its link sets it again. */
    private volatile double backOfficeLimit = Double.POSITIVE_INFINITY;

    // Confined to the decision thread.
    private EvseStatus pending;
    private boolean deciding;
    private boolean again;
    private boolean closed;

    @Activate
    public Charger(@Reference EvSupplyEquipment evse, @Reference TimeSource time,
            @Reference ConfigurationAdmin configurationAdmin, EvChargingConfig config, BundleContext context,
            @Reference(target = Scheduling.SERIAL)
            ScheduledExecutorService decisions) {
        this(evse, time, configurationAdmin, config, dataFile(context, SESSIONS_FILE),
                dataFile(context, AVAILABILITY_FILE), decisions);
    }

    /** @param sessionsFile where sessions are kept across restarts, or null to keep them in memory only */
    Charger(EvSupplyEquipment evse, TimeSource time, ConfigurationAdmin configurationAdmin, EvChargingConfig config,
            Path sessionsFile) {
        this(evse, time, configurationAdmin, config, sessionsFile, null);
    }

    /**
     * @param sessionsFile where sessions are kept across restarts, or null to keep them in memory only
     * @param availabilityFile where whether it is in service is kept, or null to keep it in memory only
     */
    Charger(EvSupplyEquipment evse, TimeSource time, ConfigurationAdmin configurationAdmin, EvChargingConfig config,
            Path sessionsFile, Path availabilityFile) {
        this(evse, time, configurationAdmin, config, sessionsFile, availabilityFile,
                DecisionThread.ownThread(DECISION_THREAD));
    }

    /**
     * @param sessionsFile where sessions are kept across restarts, or null to keep them in memory only
     * @param availabilityFile where whether it is in service is kept, or null to keep it in memory only
     * @param decisionExecutor runs the decisions, one at a time; shut down when the charger is closed
     */
    Charger(EvSupplyEquipment evse, TimeSource time, ConfigurationAdmin configurationAdmin, EvChargingConfig config,
            Path sessionsFile, Path availabilityFile, ScheduledExecutorService decisionExecutor) {
        this.evse = evse;
        this.availability = new Availability(availabilityFile);
        this.commands = new EquipmentCommands(evse);
        this.time = time;
        this.config = config;
        Instant now = time.now();
        this.log = new SessionLog(sessionsFile == null ? null : new SessionFile(sessionsFile), config.sessions_kept(),
                now);
        this.limit = new OperatorLimit(configurationAdmin, time, config.limit_amps());
        EvseInfo equipment = evse.info();
        this.machine = new SessionStateMachine(equipment, log.takeUnfinished(), log::nextId);
        this.published = new StatusPublisher(
                Reading.structured(SessionsShown.document(machine.running(), log.recent()), now));
        this.decisions = new DecisionThread(decisionExecutor, Duration.ofMillis(config.decision_wait_ms()));
        try {
            waitFor("the first reading", () -> decide(evse.status(), true));
            this.evseEvents = evse.onChange(this::reported);
            schedulePoll(config.poll_seconds());
        } catch (RuntimeException e) {
            decisions.close();
            throw e;
        }
        ChargePointStatus status = published.status();
        LOG.info("EV charging supervises a {} A, {}-phase, {} V charge point: state {}, supply limit {} W, "
                + "operator limit {} A, free charging {}, {} recent sessions{}", equipment.maxCurrentAmps(),
                equipment.phases(), equipment.voltage(), status == null ? "unknown" : status.state(),
                config.supply_limit_watts(), limit.amps(), config.free_charging(), log.recent().size(),
                sessionsFile == null ? " (not kept across restarts: no data area)" : " in " + sessionsFile);
    }

    private static Path dataFile(BundleContext context, String name) {
        File file = context.getDataFile(name);
        return file == null ? null : file.toPath();
    }

    @Modified
    void modified(EvChargingConfig changed) {
        this.config = changed;
        decisions.waitAtMost(Duration.ofMillis(changed.decision_wait_ms()));
        decisions.execute(() -> {
            limit.configured(changed.limit_amps());
            log.keep(changed.sessions_kept());
            schedulePoll(changed.poll_seconds());
            decide(null, false);
        });
    }

    /**
     * Once this component is gone nothing keeps the post under its supply limit, so a running session is paused and
     * the connector released; the session stays on disk as running, and a new instance resumes it if the vehicle is
     * still there.
     */
    @Deactivate
    void deactivate() {
        if (!decisions.isOpen()) {
            return;
        }
        evseEvents.close();
        lighting.close();
        waitFor("pausing the charge point", this::pause);
        decisions.close();
    }

    /** On the decision thread: the last decision. */
    private void pause() {
        closed = true;
        ChargingSession running = machine.running();
        if (running == null) {
            return;
        }
        try {
            running = machine.observed(time.now(), evse.status().energyWattHours());
            evse.setMaxCurrent(0);
            evse.setConnectorLocked(false);
        } catch (RuntimeException e) {
            LOG.warn("Cannot pause the charge point on the way out: {}", e.toString());
        }
        log.save(running);
    }

    /** The lighting capability of any vendor, while there is one: its power is shared with the vehicle. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindLighting(LightingControl control) {
        lighting.bind(control, this::reconsider);
        reconsider();
    }

    /** A back office that authorises identifiers (OCPP's Authorize and local list), while there is one. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindAuthoriser(SessionAuthoriser a) {
        authoriser = a;
    }

    void unbindAuthoriser(SessionAuthoriser a) {
        if (authoriser == a) {
            authoriser = null;
        }
    }

    void unbindLighting(LightingControl control) {
        if (lighting.unbind(control)) {
            reconsider();
        }
    }

    /** Reads the equipment and the lighting, in case an event was missed, and decides again. */
    void poll() {
        waitFor("a poll", this::pollOnce);
    }

    /** Returns once every decision asked for so far is taken: tests use it to see what the charger did. */
    void settle() {
        if (decisions.isOpen()) {
            waitFor("settling", () -> { });
        }
    }

    private void pollOnce() {
        lighting.refresh();
        decide(evse.status(), true);
    }

    /** An equipment's report, on its driver thread, or on the decision thread when a command caused it. */
    private void reported(EvseStatus status) {
        boolean echo = decisions.isCurrent();
        decisions.execute(() -> decide(status, !echo));
    }

    /** Something besides the equipment changed: decide again with its last status. */
    private void reconsider() {
        decisions.execute(() -> decide(null, false));
    }

    /**
     * On the decision thread: decides with a new status of the equipment, or with the last one (null). A call made
     * while a decision is being carried out (a report caused by a command) is handled right after it.
     *
     * @param ownAccord whether the status was read or reported of the equipment's own accord, not as the echo of a
     *            command; one that shows the equipment not following a command (it restarted, or kept a current
     *            from before) has the command sent again
     */
    private void decide(EvseStatus reported, boolean ownAccord) {
        if (closed) {
            return;
        }
        if (reported != null) {
            pending = reported;
        }
        again = true;
        if (deciding) {
            return;
        }
        if (reported != null && ownAccord) {
            commands.forgetUnfollowed(reported);
        }
        Decision last;
        deciding = true;
        try {
            do {
                again = false;
                EvseStatus next = pending;
                pending = null;
                last = machine.decide(next, time.now(), conditions());
                carryOut(last);
            } while (again && !closed);
        } finally {
            deciding = false;
        }
        published.publish(withSessions(last.status(), last.running()), Reading.structured(SessionsShown.document(last.running(), log.recent()),
                last.status().time()));
    }

    /** The decided status with the running session and the last ended one, as the capability tells them. */
    private ChargePointStatus withSessions(ChargePointStatus s, ChargingSession running) {
        List<ChargingSession> recent = log.recent();
        return new ChargePointStatus(s.time(), s.state(), s.currentAmps(), s.limitAmps(), s.powerWatts(),
                s.energyWattHours(), running == null ? null : running.capability(),
                recent.isEmpty() ? null : recent.get(0).capability());
    }

    private void carryOut(Decision decision) {
        decision.ended().forEach(log::add);
        if (!decision.ended().isEmpty() && decision.running() == null) {
            availability.sessionEnded();
        }
        commands.apply(decision.offeredAmps(), decision.connectorLocked());
        if (decision.sessionsChanged()) {
            log.save(decision.running());
        }
    }

    private Conditions conditions() {
        EvChargingConfig c = config;
        return new Conditions(c.free_charging() && availability.operative(), Math.min(limit.amps(), backOfficeLimit), c.supply_limit_watts(),
                lightingWatts());
    }

    /** @return what the lighting draws, or the configured reserve when no lighting capability says so */
    double lightingWatts() {
        return lighting.watts(config.lighting_reserve_watts());
    }

    /**
     * Starts a session for an identifier, on the vehicle connected now. Posting the identifier of the running
     * session again answers that session.
     *
     * @param text the RFID card or contract id, 1 to 64 printable ASCII characters; surrounding blanks are ignored
     * @return the session, as {@link SessionsShown} shows it
     * @throws InvalidValueException if the identifier is malformed, or no session can start now, saying why
     * @throws TimeoutException if the charger did not decide in time
     */
    public Map<String, Object> authorise(String text) throws InvalidValueException, TimeoutException {
        String identifier;
        try {
            identifier = Identifier.check(text.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException(e.getMessage());
        }
        refuseWhileOutOfService(identifier);
        askAuthoriser(identifier);
        return decisions.call(() -> {
            ChargingSession started = machine.authorise(identifier, time.now());
            decide(null, false);
            ChargingSession running = machine.running();
            return SessionsShown.session(running != null ? running : started);
        });
    }

    /**
     * Ends the running session at a client's request: no more current, connector released.
     *
     * @return the ended session, as {@link SessionsShown} shows it
     * @throws InvalidValueException if no session runs
     * @throws TimeoutException if the charger did not decide in time
     */
    public Map<String, Object> stopShown() throws InvalidValueException, TimeoutException {
        return SessionsShown.session(stopSession());
    }

    private ChargingSession stopSession() throws InvalidValueException, TimeoutException {
        return decisions.call(() -> {
            EvseStatus read = null;
            if (machine.running() != null) {
                // The current cut first and the meter read after it: the session ends with the reading /ev/energy
                // shows from now on, not with the last one decided on, a few Wh before.
                // As in a decision: the equipment's echo of the command waits for the decision below.
                deciding = true;
                try {
                    commands.apply(0, true);
                    read = evse.status();
                } finally {
                    deciding = false;
                }
            }
            ChargingSession ended = machine.stop(time.now(), read);
            decide(null, false);
            return ended;
        });
    }

    /**
     * Sets the operator's current limit, in Configuration Admin so that it survives a restart, and at once.
     *
     * @throws InvalidValueException if it is outside 6-32 A
     * @throws IOException if Configuration Admin cannot store it; the limit is then unchanged
     */
    public void setLimit(double amps) throws InvalidValueException, IOException {
        limit.set(amps);
        waitFor("the new limit", () -> decide(null, false));
    }

    /**
     * Asks the back office, if there is one, about an identifier presented at the post; off the decision thread,
     * because the answer may take a while. The identifier of the running session is not asked about again.
     */
    private void askAuthoriser(String identifier) throws InvalidValueException {
        SessionAuthoriser a = authoriser;
        ChargePointStatus s = published.status();
        if (a == null || s != null && s.session() != null && identifier.equals(s.session().identifier())) {
            return;
        }
        Authorisation answer = a.authorise(identifier);
        if (!answer.accepted()) {
            throw new InvalidValueException("the identifier is refused: " + answer.reason());
        }
    }

    /** Starts a session for a client of the capability, such as a back office's remote start. */
    @Override
    public Session start(String identifier) throws InvalidValueException, TimeoutException {
        String checked;
        try {
            checked = Identifier.check(identifier.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException(e.getMessage());
        }
        refuseWhileOutOfService(checked);
        return decisions.call(() -> {
            ChargingSession started = machine.authorise(checked, time.now());
            decide(null, false);
            ChargingSession running = machine.running();
            return (running != null ? running : started).capability();
        });
    }

    /** Stops the running session for a client of the capability, such as a back office's remote stop. */
    @Override
    public Session stop() throws InvalidValueException, TimeoutException {
        return stopSession().capability();
    }

    @Override
    public void setBackOfficeLimit(double amps) throws InvalidValueException, TimeoutException {
        if (!(amps >= 0)) {
            throw new InvalidValueException("a back office's limit is at least 0 A, got " + amps);
        }
        backOfficeLimit = amps;
        decisions.await(() -> decide(null, false));
    }

    /** No new session while out of service; the identifier of the running session still answers that session. */
    private void refuseWhileOutOfService(String identifier) throws InvalidValueException {
        ChargePointStatus s = published.status();
        if (!availability.operative()
                && !(s != null && s.session() != null && identifier.equals(s.session().identifier()))) {
            throw new InvalidValueException("the charge point is out of service (Inoperative): no session starts");
        }
    }

    @Override
    public AvailabilityChange setOperative(boolean operative) throws TimeoutException {
        try {
            return changeAvailability(operative);
        } catch (InvalidValueException e) {
            throw new IllegalStateException(e); // every availability is valid
        }
    }

    private AvailabilityChange changeAvailability(boolean operative) throws InvalidValueException, TimeoutException {
        return decisions.call(() -> {
            boolean changed = availability.set(operative, machine.running() != null);
            if (changed) {
                LOG.info("EV charging: the charge point is {} service", operative ? "back in" : "out of");
                published.retell();
            }
            if (operative) {
                decide(null, false); // free charging may start a session on a vehicle waiting
            }
            return availability.waitsForSession() ? AvailabilityChange.AFTER_SESSION : AvailabilityChange.NOW;
        });
    }

    @Override
    public boolean operative() {
        return availability.operative();
    }

    @Override
    public double ownLimitAmps() {
        return SupplyShare.offeredAmps(limit.amps(), evse.info(), config.supply_limit_watts(), lightingWatts());
    }

    /** @return the operator's current limit, observable */
    LiveValue limit() {
        return limit.value();
    }

    /** @return the sessions document, observable */
    LiveValue sessions() {
        return published.sessions();
    }

    /** @return the post time, for the points */
    Instant now() {
        return time.now();
    }

    @Override
    public ChargePointStatus status() {
        return published.status();
    }

    @Override
    public Subscription onChange(Consumer<ChargePointStatus> listener) {
        return published.onChange(listener);
    }

    private void schedulePoll(long seconds) {
        decisions.repeat(time.toRealTime(Duration.ofSeconds(Math.max(1, seconds))), this::pollOnce);
    }

    /** Runs a decision that refuses nothing and waits for it; one not taken in time is taken later all the same. */
    private void waitFor(String what, Runnable decision) {
        try {
            decisions.await(decision);
        } catch (TimeoutException e) {
            LOG.warn("EV charging goes on without waiting for {}: {}", what, e.getMessage());
        }
    }
}
