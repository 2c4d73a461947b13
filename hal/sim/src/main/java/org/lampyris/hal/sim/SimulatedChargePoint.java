package org.lampyris.hal.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

import org.lampyris.hal.Subscription;
import org.lampyris.hal.TimeSource;
import org.lampyris.hal.ev.EvSupplyEquipment;
import org.lampyris.hal.ev.EvseInfo;
import org.lampyris.hal.ev.EvseState;
import org.lampyris.hal.ev.EvseStatus;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated charge point with simulated vehicles. Vehicles arrive at seeded times of post time (or one is plugged
 * in from the start), each wanting a seeded amount of energy and staying a seeded while; the control-pilot state
 * follows IEC 61851: A without a vehicle, B with one that is not charging, C while charging, F on a fault.
 */
@Component(configurationPid = SimulatedChargePoint.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = SimulatedChargePoint.Config.class)
public class SimulatedChargePoint implements EvSupplyEquipment {
    static final String PID = "org.lampyris.hal.sim.ev";
    static final double MIN_CURRENT = 6;
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedChargePoint.class);

    @ObjectClassDefinition(id = PID, name = "Lampyris simulated charge point",
            description = "The EV supply equipment of the simulated post, and the vehicles that use it.")
    public @interface Config {
        @AttributeDefinition(name = "Seed", description = "Vehicle arrivals and needs follow from this seed.")
        long seed() default 1;

        @AttributeDefinition(name = "Maximum current (A)", description = "What cable and supply allow, 6-32 A.",
                min = "6", max = "32")
        double max_current() default 32;

        @AttributeDefinition(name = "Phases", description = "1 or 3.", min = "1", max = "3")
        int phases() default 1;

        @AttributeDefinition(name = "Voltage (V)", description = "Phase voltage.")
        double voltage() default 230;

        @AttributeDefinition(name = "Fault", description = "Inject an equipment fault: state F.")
        boolean fault() default false;

        @AttributeDefinition(name = "Vehicle connected",
                description = "A vehicle is plugged in from the start and stays until it has 30 kWh.")
        boolean vehicle_connected() default false;

        @AttributeDefinition(name = "Arrivals per day",
                description = "Average number of vehicles arriving per day of post time; 0 for none.", min = "0")
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

    @Activate
    public SimulatedChargePoint(@Reference TimeSource time, Config config) {
        this.time = time;
        double max = Math.max(MIN_CURRENT, Math.min(32, config.max_current()));
        this.info = new EvseInfo(MIN_CURRENT, max, config.phases() == 3 ? 3 : 1, config.voltage());
        this.fault = config.fault();
        this.accountedAt = time.now();
        this.arrivals = new VehicleArrivals(new SeededNoise(config.seed()), config.arrivals_per_day());
        if (config.vehicle_connected()) {
            vehicle = new VehicleArrivals.Visit(accountedAt, Instant.MAX, 30_000);
        }
        this.ticker = new Ticker<>("lampyris-sim-ev", 1000, this::tick);
        LOG.info("Simulated charge point {} A, {} phase(s){}{}", max, info.phases(),
                vehicle != null ? ", vehicle connected" : "", fault ? ", fault" : "");
    }

    @Deactivate
    void deactivate() {
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
        EvseStatus status;
        synchronized (this) {
            Instant now = time.now();
            advance(now);
            offeredAmps = amps;
            status = snapshot(now);
            lastPublished = status;
        }
        ticker.publish(status);
    }

    @Override
    public void setConnectorLocked(boolean lock) {
        EvseStatus status;
        synchronized (this) {
            locked = lock;
            status = status();
            lastPublished = status;
        }
        ticker.publish(status);
    }

    @Override
    public Subscription onChange(Consumer<EvseStatus> listener) {
        return ticker.subscribe(listener);
    }

    private void tick() {
        EvseStatus status;
        synchronized (this) {
            status = status();
            if (lastPublished != null && lastPublished.state() == status.state()
                    && Math.abs(lastPublished.energyWattHours() - status.energyWattHours()) < 0.5
                    && lastPublished.offeredCurrentAmps() == status.offeredCurrentAmps()) {
                return;
            }
            lastPublished = status;
        }
        ticker.publish(status);
    }

    /** Charges the vehicle up to now, lets it leave when its time is up, and lets the next one arrive. */
    private void advance(Instant now) {
        while (accountedAt.isBefore(now)) {
            if (vehicle == null) {
                VehicleArrivals.Visit next = arrivals.nextAfter(accountedAt);
                if (next == null || !next.arrival().isBefore(now)) {
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
            double watts = chargingWatts();
            double energy = Math.min(watts * hours, vehicle.wantedWattHours() - deliveredWattHours);
            deliveredWattHours += energy;
            meterWattHours += energy;
            accountedAt = until;
            if (!vehicle.departure().isAfter(accountedAt)) {
                vehicle = null;
                locked = false;
            }
        }
    }

    private boolean charging() {
        return !fault && vehicle != null && offeredAmps >= info.minCurrentAmps()
                && deliveredWattHours < vehicle.wantedWattHours();
    }

    private double chargingWatts() {
        return charging() ? offeredAmps * info.voltage() * info.phases() : 0;
    }

    private EvseStatus snapshot(Instant now) {
        EvseState state = fault ? EvseState.F : vehicle == null ? EvseState.A : charging() ? EvseState.C : EvseState.B;
        double current = charging() ? offeredAmps : 0;
        return new EvseStatus(now, state, offeredAmps, current, chargingWatts(), meterWattHours, locked);
    }
}
