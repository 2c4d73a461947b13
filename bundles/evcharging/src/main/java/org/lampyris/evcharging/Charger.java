package org.lampyris.evcharging;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.lampyris.api.Subscription;
import org.lampyris.api.charging.ChargePoint;
import org.lampyris.api.charging.ChargePointStatus;
import org.lampyris.api.lighting.LightingControl;
import org.lampyris.api.point.InvalidValueException;
import org.lampyris.api.point.LiveValue;
import org.lampyris.api.point.Reading;
import org.lampyris.hal.TimeSource;
import org.lampyris.hal.ev.EvSupplyEquipment;
import org.lampyris.hal.ev.EvseInfo;
import org.lampyris.hal.ev.EvseState;
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
 * All decisions happen in {@link #evaluate}, one at a time under this object's lock. Commands to the equipment make
 * it report a new status, often on the calling thread: such a nested report is queued and handled once the current
 * decision is complete, so that a decision never sees its own half-applied state.
 */
@Component(service = { ChargePoint.class, Charger.class }, configurationPid = EvChargingConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
@Designate(ocd = EvChargingConfig.class)
public class Charger implements ChargePoint {
    /** The sessions file in the bundle's data area. */
    static final String SESSIONS_FILE = "ev-sessions.txt";
    /** The executor needs a positive period; a very fast simulated clock must not make the poller spin. */
    private static final long MIN_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final Logger LOG = LoggerFactory.getLogger(Charger.class);

    private final EvSupplyEquipment evse;
    private final EvseInfo equipment;
    private final TimeSource time;
    private final SessionLog log;
    private final ScheduledExecutorService poller;
    private final CopyOnWriteArrayList<Consumer<ChargePointStatus>> listeners = new CopyOnWriteArrayList<>();
    private final LightingPower lighting = new LightingPower();
    private final EquipmentCommands commands;
    private final OperatorLimit limit;
    private final LiveValue sessions;
    private final org.lampyris.hal.Subscription evseEvents;
    private volatile EvChargingConfig config;
    private volatile ChargePointStatus status;

    // Guarded by this.
    private EvseStatus latest;
    private boolean evaluating;
    private boolean again;
    private boolean closed;
    private ChargingSession running;
    private boolean recovering;
    /** A vehicle whose session was stopped on request is not charged for free again until it is unplugged. */
    private boolean stoppedWhileConnected;
    private long pollNanos;
    private ScheduledFuture<?> pollTask;

    @Activate
    public Charger(@Reference EvSupplyEquipment evse, @Reference TimeSource time,
            @Reference ConfigurationAdmin configurationAdmin, EvChargingConfig config, BundleContext context) {
        this(evse, time, configurationAdmin, config, dataFile(context));
    }

    /** @param sessionsFile where sessions are kept across restarts, or null to keep them in memory only */
    Charger(EvSupplyEquipment evse, TimeSource time, ConfigurationAdmin configurationAdmin, EvChargingConfig config,
            Path sessionsFile) {
        this.evse = evse;
        this.equipment = evse.info();
        this.commands = new EquipmentCommands(evse);
        this.time = time;
        this.config = config;
        Instant now = time.now();
        this.log = new SessionLog(sessionsFile == null ? null : new SessionFile(sessionsFile), config.sessions_kept(),
                now);
        this.limit = new OperatorLimit(configurationAdmin, time, config.limit_amps());
        this.running = log.takeUnfinished();
        this.recovering = running != null;
        this.sessions = new LiveValue(Reading.structured(SessionsShown.document(running, log.recent()), now));
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lampyris-evcharging");
            t.setDaemon(true);
            return t;
        });
        evaluate(evse.status());
        this.evseEvents = evse.onChange(this::evaluate);
        synchronized (this) {
            schedulePoll(config.poll_seconds());
        }
        LOG.info("EV charging supervises a {} A, {}-phase, {} V charge point: state {}, supply limit {} W, "
                + "operator limit {} A, free charging {}, {} recent sessions{}", equipment.maxCurrentAmps(),
                equipment.phases(), equipment.voltage(), status.state(), config.supply_limit_watts(),
                limit.amps(), config.free_charging(), log.recent().size(),
                sessionsFile == null ? " (not kept across restarts: no data area)" : " in " + sessionsFile);
    }

    private static Path dataFile(BundleContext context) {
        File file = context.getDataFile(SESSIONS_FILE);
        return file == null ? null : file.toPath();
    }

    @Modified
    void modified(EvChargingConfig changed) {
        this.config = changed;
        synchronized (this) {
            limit.configured(changed.limit_amps());
            log.keep(changed.sessions_kept());
            schedulePoll(changed.poll_seconds());
        }
        evaluate(null);
    }

    /**
     * Once this component is gone nothing keeps the post under its supply limit, so a running session is paused and
     * the connector released; the session stays on disk as running, and a new instance resumes it if the vehicle is
     * still there.
     */
    @Deactivate
    void deactivate() {
        poller.shutdownNow();
        evseEvents.close();
        lighting.close();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (running == null) {
                return;
            }
            try {
                running = running.observed(time.now(), evse.status().energyWattHours());
                evse.setMaxCurrent(0);
                evse.setConnectorLocked(false);
            } catch (RuntimeException e) {
                LOG.warn("Cannot pause the charge point on the way out: {}", e.toString());
            }
            log.save(running);
        }
    }

    /** The lighting capability of any vendor, while there is one: its power is shared with the vehicle. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindLighting(LightingControl control) {
        lighting.bind(control, () -> evaluate(null));
        evaluate(null);
    }

    void unbindLighting(LightingControl control) {
        if (lighting.unbind(control)) {
            evaluate(null);
        }
    }

    /** Reads the equipment and the lighting, in case an event was missed, and decides again. */
    void poll() {
        lighting.refresh();
        evaluate(evse.status());
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            LOG.error("Reading the charge point failed: {}", e.toString());
        }
    }

    /**
     * Decides with a new status of the equipment, or with the last one (null) when something else changed. A call
     * made while a decision is under way on the same thread (a report caused by a command) is handled right after.
     */
    void evaluate(EvseStatus reported) {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (reported != null) {
                latest = reported;
            }
            again = true;
            if (evaluating) {
                return;
            }
            if (reported != null) {
                // A report of its own accord (not the echo of a command, handled above) that shows the equipment
                // not following a command (it restarted, or kept a current from before) has it sent again.
                commands.forgetUnfollowed(reported);
            }
            evaluating = true;
            try {
                while (again && !closed) {
                    again = false;
                    decide(latest);
                }
            } finally {
                evaluating = false;
            }
        }
    }

    /** One decision: sessions, connector and offered current, then what observers see. */
    private void decide(EvseStatus s) {
        Instant now = time.now();
        boolean connected = connected(s.state());
        boolean changed = false;
        if (recovering) {
            recovering = false;
            changed = recover(connected);
        }
        if (running != null) {
            if (connected) {
                running = running.observed(now, s.energyWattHours());
            } else {
                end(running.ended(now, s.energyWattHours(), s.state() == EvseState.A ? EndReason.UNPLUGGED
                        : EndReason.FAULT));
                changed = true;
            }
        }
        if (s.state() == EvseState.A) {
            stoppedWhileConnected = false;
        }
        if (running == null && connected && config.free_charging() && !stoppedWhileConnected) {
            start(null, now, s.energyWattHours());
            changed = true;
        }
        double amps = running != null ? offerableAmps() : 0;
        commands.apply(amps, running != null);
        if (changed) {
            log.save(running);
        }
        publish(new ChargePointStatus(now, s.state().name(), s.currentAmps(), amps, s.powerWatts(),
                s.energyWattHours()));
        sessions.set(Reading.structured(SessionsShown.document(running, log.recent()), now));
    }

    /** A session that ran when the controller stopped resumes if its vehicle is still there. */
    private boolean recover(boolean connected) {
        if (connected) {
            LOG.info("EV session {} resumes: the vehicle is still connected", running.id());
            return false;
        }
        // When the vehicle left is unknown: the session ends when it was last seen, with the energy counted then.
        LOG.info("EV session {} ended while the controller was stopped", running.id());
        end(running.endedAsLastObserved(EndReason.INTERRUPTED));
        return true;
    }

    private void start(String identifier, Instant now, double meterWattHours) {
        running = ChargingSession.start(log.nextId(), identifier, now, meterWattHours);
        LOG.info("EV session {} starts{}", running.id(), identifier == null ? " (free charging)" : "");
    }

    private void end(ChargingSession ended) {
        running = null;
        log.add(ended);
        LOG.info("EV session {} ends ({}): {} Wh in {}", ended.id(), ended.reason().text(),
                Math.round(ended.energyWattHours()), ended.duration());
    }

    private double offerableAmps() {
        return SupplyShare.offeredAmps(limit.amps(), equipment, config.supply_limit_watts(), lightingWatts());
    }

    /** @return what the lighting draws, or the configured reserve when no lighting capability says so */
    double lightingWatts() {
        return lighting.watts(config.lighting_reserve_watts());
    }

    private void publish(ChargePointStatus next) {
        ChargePointStatus previous = status;
        status = next;
        if (previous != null && previous.state().equals(next.state())
                && previous.currentAmps() == next.currentAmps() && previous.limitAmps() == next.limitAmps()
                && previous.powerWatts() == next.powerWatts()
                && previous.energyWattHours() == next.energyWattHours()) {
            return;
        }
        for (Consumer<ChargePointStatus> listener : listeners) {
            try {
                listener.accept(next);
            } catch (RuntimeException e) {
                LOG.warn("A charge-point listener failed: {}", e.toString());
            }
        }
    }

    /**
     * Starts a session for an identifier, on the vehicle connected now. Posting the identifier of the running
     * session again answers that session.
     *
     * @param text the RFID card or contract id, 1 to 64 printable ASCII characters; surrounding blanks are ignored
     * @return the session, as {@link SessionsShown} shows it
     * @throws InvalidValueException if the identifier is malformed, or no session can start now, saying why
     */
    public Map<String, Object> authorise(String text) throws InvalidValueException {
        String identifier;
        try {
            identifier = Identifier.check(text.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException(e.getMessage());
        }
        synchronized (this) {
            EvseState state = latest.state();
            if (running != null) {
                if (identifier.equals(running.identifier())) {
                    return SessionsShown.session(running);
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
            start(identifier, time.now(), latest.energyWattHours());
            ChargingSession started = running;
            stoppedWhileConnected = false;
            evaluate(null);
            log.save(running);
            return SessionsShown.session(running != null ? running : started);
        }
    }

    /**
     * Ends the running session at a client's request: no more current, connector released.
     *
     * @return the ended session, as {@link SessionsShown} shows it
     * @throws InvalidValueException if no session runs
     */
    public Map<String, Object> stop() throws InvalidValueException {
        synchronized (this) {
            if (running == null) {
                throw new InvalidValueException("no charging session is running");
            }
            ChargingSession ended = running.ended(time.now(), latest.energyWattHours(), EndReason.STOPPED);
            end(ended);
            stoppedWhileConnected = true;
            evaluate(null);
            log.save(running);
            return SessionsShown.session(ended);
        }
    }

    /**
     * Sets the operator's current limit, in Configuration Admin so that it survives a restart, and at once.
     *
     * @throws InvalidValueException if it is outside 6-32 A
     * @throws IOException if Configuration Admin cannot store it; the limit is then unchanged
     */
    public void setLimit(double amps) throws InvalidValueException, IOException {
        limit.set(amps);
        evaluate(null);
    }

    /** @return the operator's current limit, observable */
    LiveValue limit() {
        return limit.value();
    }

    /** @return the sessions document, observable */
    LiveValue sessions() {
        return sessions;
    }

    /** @return the post time, for the points */
    Instant now() {
        return time.now();
    }

    @Override
    public ChargePointStatus status() {
        return status;
    }

    @Override
    public Subscription onChange(Consumer<ChargePointStatus> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void schedulePoll(long seconds) {
        long nanos = Math.max(MIN_POLL_NANOS, time.toRealTime(Duration.ofSeconds(Math.max(1, seconds))).toNanos());
        if (pollTask != null && nanos == pollNanos) {
            return;
        }
        if (pollTask != null) {
            pollTask.cancel(false);
        }
        pollNanos = nanos;
        if (!poller.isShutdown()) {
            pollTask = poller.scheduleWithFixedDelay(this::pollSafely, nanos, nanos, TimeUnit.NANOSECONDS);
        }
    }

    private static boolean connected(EvseState state) {
        return state == EvseState.B || state == EvseState.C || state == EvseState.D;
    }
}
