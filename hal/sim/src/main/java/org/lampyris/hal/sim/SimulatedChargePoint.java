package org.lampyris.hal.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;

import org.lampyris.hal.Subscription;
import org.lampyris.hal.TimeSource;
import org.lampyris.hal.ev.EvSupplyEquipment;
import org.lampyris.hal.ev.EvseInfo;
import org.lampyris.hal.ev.EvseState;
import org.lampyris.hal.ev.EvseStatus;
import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated charge point with simulated vehicles. Vehicles arrive at seeded times of post time (or one is plugged
 * in from the start), each wanting a seeded amount of energy and staying a seeded while; the control-pilot state
 * follows IEC 61851: A without a vehicle, B with one that is not charging (no current offered, or full), C while
 * charging, F on a fault. The meter integrates the power over post time.
 */
// Registered by hand (it steps back for a real device, see SteppingBack), so the resolver is told it is offered.
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.lampyris.hal.ev.EvSupplyEquipment")
@Component(service = {}, configurationPid = SimulatedChargePoint.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = SimulatedChargePoint.Config.class)
public class SimulatedChargePoint implements EvSupplyEquipment {
    static final String PID = "org.lampyris.hal.sim.ev";
    static final double MIN_CURRENT = 6;
    static final double VEHICLE_MAX_CURRENT = 32;
    static final double CONNECTED_VEHICLE_WATT_HOURS = 30_000;
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedChargePoint.class);

    /** The configuration of the simulated charge point. */
    @ObjectClassDefinition(id = PID, name = "Lampyris simulated charge point",
            description = "The EV supply equipment of the simulated post, and the vehicles that use it.")
    public @interface Config {
        @AttributeDefinition(name = "Seed", description = "Vehicle arrivals, stays and energy needs follow from it.")
        long seed() default 1;

        @AttributeDefinition(name = "Maximum current (A)",
                description = "The most the cable and supply allow, 6 to 32 A; offers above it are refused.",
                min = "6", max = "32")
        double max_current() default 32;

        @AttributeDefinition(name = "Phases", description = "Number of phases, 1 or 3.",
                options = { @Option(label = "single phase", value = "1"), @Option(label = "three phases", value = "3") })
        int phases() default 1;

        @AttributeDefinition(name = "Voltage (V)", description = "Phase voltage, in V.", min = "1")
        double voltage() default 230;

        @AttributeDefinition(name = "Fault", description = "Inject an equipment fault: state F, nothing flows.")
        boolean fault() default false;

        @AttributeDefinition(name = "Vehicle connected",
                description = "A vehicle is plugged in from activation and stays; it wants 30 kWh.")
        boolean vehicle_connected() default false;

        @AttributeDefinition(name = "Arrivals per day",
                description = "Average number of vehicles arriving per day of post time (each stays 30-240 min and "
                        + "wants 5-40 kWh); 0 for none.",
                min = "0")
        double arrivals_per_day() default 0;
    }

    private final TimeSource time;
    private final EvseInfo info;
    private final boolean fault;
    private final VehicleArrivals arrivals;
    private final Ticker<EvseStatus> ticker;

    // Guarded by this.
    private VehicleArrivals.Visit vehicle;
    private double deliveredWattHours;
    private double meterWattHours;
    private double offeredAmps;
    private boolean locked;
    private Instant accountedAt;
    private EvseStatus lastPublished;

    private final SteppingBack<EvSupplyEquipment> steppingBack = new SteppingBack<>(EvSupplyEquipment.class,
            this, "simulated charge point");

    @Activate
    public SimulatedChargePoint(@Reference TimeSource time, @Reference SimulatorThread thread, Config config,
            BundleContext context) {
        this(time, config, thread);
        steppingBack.offer(context);
    }

    /** A simulated device that is no service: for tests, which call it directly. */
    public SimulatedChargePoint(TimeSource time, Config config) {
        this(time, config, new SimulatorThread());
    }

    private SimulatedChargePoint(TimeSource time, Config config, SimulatorThread thread) {
        this.time = time;
        double max = config.max_current();
        if (!(max >= MIN_CURRENT && max <= 32)) {
            LOG.error("Invalid max.current {} A for the simulated charge point (must be 6 to 32): using 32 A", max);
            max = 32;
        }
        int phases = config.phases();
        if (phases != 1 && phases != 3) {
            LOG.error("Invalid phases {} for the simulated charge point (must be 1 or 3): using 1", phases);
            phases = 1;
        }
        double voltage = config.voltage();
        if (!(voltage > 0)) {
            LOG.error("Invalid voltage {} V for the simulated charge point: using 230 V", voltage);
            voltage = 230;
        }
        this.info = new EvseInfo(MIN_CURRENT, max, phases, voltage);
        this.fault = config.fault();
        this.accountedAt = time.now();
        this.arrivals = new VehicleArrivals(new SeededNoise(config.seed()), Math.max(0, config.arrivals_per_day()));
        if (config.vehicle_connected()) {
            vehicle = new VehicleArrivals.Visit(accountedAt, Instant.MAX, CONNECTED_VEHICLE_WATT_HOURS);
        }
        this.ticker = new Ticker<>("lampyris-sim-ev", thread, this::tick);
        LOG.info("Simulated charge point {} A, {} phase(s) at {} V, seed {}, {} arrivals a day{}{}", max, phases,
                voltage, config.seed(), config.arrivals_per_day(), vehicle != null ? ", vehicle connected" : "",
                fault ? ", fault" : "");
    }

    @Deactivate
    void deactivate() {
        steppingBack.close();
        ticker.close();
    }

    @Override
    public EvseInfo info() {
        return info;
    }

    @Override
    public synchronized EvseStatus status() {
        Instant now = time.now();
        advance(now);
        return snapshot(now);
    }

    @Override
    public void setMaxCurrent(double amps) {
        if (!(amps == 0 || (amps >= info.minCurrentAmps() && amps <= info.maxCurrentAmps()))) {
            throw new IllegalArgumentException("current must be 0 or between " + info.minCurrentAmps() + " and "
                    + info.maxCurrentAmps() + " A, got " + amps);
        }
        synchronized (this) {
            Instant now = time.now();
            advance(now);
            offeredAmps = amps;
            publish(snapshot(now));
        }
    }

    @Override
    public synchronized void setConnectorLocked(boolean lock) {
        Instant now = time.now();
        advance(now);
        locked = lock;
        publish(snapshot(now));
    }

    @Override
    public Subscription onChange(Consumer<EvseStatus> listener) {
        return ticker.subscribe(Objects.requireNonNull(listener, "listener"));
    }

    /** @return whether the listener thread runs; for tests */
    boolean ticking() {
        return ticker.running();
    }

    /** One tick of the listener thread: tell listeners when the state, offer or meter moved. */
    private synchronized long tick() {
        EvseStatus status = status();
        if (lastPublished == null || lastPublished.state() != status.state()
                || lastPublished.offeredCurrentAmps() != status.offeredCurrentAmps()
                || lastPublished.connectorLocked() != status.connectorLocked()
                || Math.abs(lastPublished.energyWattHours() - status.energyWattHours()) >= 0.5) {
            publish(status);
        }
        return 1000;
    }

    private void publish(EvseStatus status) {
        lastPublished = status;
        ticker.publish(status);
    }

    /** Charges the vehicle up to now, lets it leave when its time is up, and lets the next one arrive. */
    private void advance(Instant now) {
        while (accountedAt.isBefore(now)) {
            if (vehicle == null) {
                VehicleArrivals.Visit next = arrivals.nextAfter(accountedAt);
                if (next == null || next.arrival().isAfter(now)) {
                    accountedAt = now;
                    return;
                }
                vehicle = next;
                deliveredWattHours = 0;
                accountedAt = next.arrival();
                continue;
            }
            Instant until = vehicle.departure().isBefore(now) ? vehicle.departure() : now;
            double hours = Duration.between(accountedAt, until).toNanos() / 3.6e12;
            // The vehicle stops drawing the moment it is full, even within one step.
            double energy = Math.min(chargingWatts() * hours, vehicle.wantedWattHours() - deliveredWattHours);
            deliveredWattHours += energy;
            meterWattHours += energy;
            accountedAt = until;
            if (!vehicle.departure().isAfter(accountedAt)) {
                vehicle = null;
                // The driver unplugs: a real socket releases its lock once the session ends.
                locked = false;
            }
        }
    }

    private boolean charging() {
        return !fault && vehicle != null && offeredAmps >= info.minCurrentAmps()
                && deliveredWattHours < vehicle.wantedWattHours();
    }

    private double drawnAmps() {
        return charging() ? Math.min(offeredAmps, VEHICLE_MAX_CURRENT) : 0;
    }

    private double chargingWatts() {
        return drawnAmps() * info.voltage() * info.phases();
    }

    private EvseStatus snapshot(Instant now) {
        EvseState state = fault ? EvseState.F : vehicle == null ? EvseState.A : charging() ? EvseState.C : EvseState.B;
        return new EvseStatus(now, state, offeredAmps, drawnAmps(), chargingWatts(), meterWattHours, locked);
    }
}
