package org.lampyris.hal.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;

import org.lampyris.hal.Subscription;
import org.lampyris.hal.TimeSource;
import org.lampyris.hal.luminaire.Luminaire;
import org.lampyris.hal.luminaire.LuminaireInfo;
import org.lampyris.hal.luminaire.LuminaireState;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated LED luminaire: linear fades in post time, power that follows the level like a real LED driver (8 % of
 * rated power at the lowest level, standby power when off) with a little seeded meter noise, energy and burning hours
 * integrated over post time, and injectable lamp and control-gear failures. The state is computed from the post clock
 * whenever it is asked for, so it is always current, however fast the clock runs and whoever listens.
 * <p>
 * The simulator steps back for real hardware: it offers itself as the post's {@link Luminaire} only while no other
 * luminaire service is registered (a driver's, such as a Modbus DALI gateway's), and comes back when that one goes.
 * Plugins hold one luminaire by a plain static reference, so they move to the real one without knowing either, and
 * a post without any driver configured runs on the simulator exactly as before.
 */
// The service is registered by hand (see above), so the resolver is told that this bundle offers it.
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.lampyris.hal.luminaire.Luminaire")
@Component(service = {}, configurationPid = SimulatedLuminaire.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = SimulatedLuminaire.Config.class)
public class SimulatedLuminaire implements Luminaire {
    static final String PID = "org.lampyris.hal.sim.luminaire";
    static final double STANDBY_WATTS = 0.3;
    static final double NOISE = 0.005;
    static final long TICK_MILLIS = 1000;
    static final long FADE_TICK_MILLIS = 100;
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedLuminaire.class);

    /** The configuration of the simulated luminaire. */
    @ObjectClassDefinition(id = PID, name = "Lampyris simulated luminaire",
            description = "The LED luminaire of the simulated post.")
    public @interface Config {
        @AttributeDefinition(name = "Vendor", description = "Vendor name the driver reports.")
        String vendor() default "Lampyris Simulator";

        @AttributeDefinition(name = "Model", description = "Model name the driver reports.")
        String model() default "SIM-LED-60";

        @AttributeDefinition(name = "Rated power (W)", description = "Electrical power at 100 %, in W.", min = "1")
        double rated_power() default 60;

        @AttributeDefinition(name = "Seed",
                description = "The small meter noise on the power reading (within 0.5 %) follows from this seed.")
        long seed() default 1;

        @AttributeDefinition(name = "Lamp failure",
                description = "Inject a failed light source: no light output, standby power.")
        boolean lamp_failure() default false;

        @AttributeDefinition(name = "Gear failure",
                description = "Inject a control-gear fault: the driver stops driving the lamp.")
        boolean gear_failure() default false;

        @AttributeDefinition(name = "Lamp fails after (h)",
                description = "The lamp fails once it has burnt this many hours of post time; 0 for never.",
                min = "0")
        double failure_after_hours() default 0;
    }

    private final TimeSource time;
    private final LuminaireInfo info;
    private final SeededNoise noise;
    private final boolean injectedLampFailure;
    private final boolean gearFailure;
    private final double failureAfterHours;
    private final Ticker<LuminaireState> ticker;
    private final SteppingBack<Luminaire> steppingBack;

    // Guarded by this.
    private double fromLevel;
    private double toLevel;
    private Instant fadeStart;
    private Instant fadeEnd;
    private Instant accountedAt;
    private double energyWattHours;
    private double burningHours;
    private boolean wornOut;
    private double systemFailureLevel = 100;
    private LuminaireState lastNotified;

    @Activate
    public SimulatedLuminaire(@Reference TimeSource time, @Reference SimulatorThread thread, Config config,
            BundleContext context) {
        this(time, config, thread);
        steppingBack.offer(context);
    }

    /** A simulated luminaire that is no service: for tests, which call it directly. */
    public SimulatedLuminaire(TimeSource time, Config config) {
        this(time, config, new SimulatorThread());
    }

    private SimulatedLuminaire(TimeSource time, Config config, SimulatorThread thread) {
        this.time = time;
        this.steppingBack = new SteppingBack<>(Luminaire.class, this, "simulated luminaire");
        double rated = config.rated_power();
        if (!(rated >= 1)) {
            LOG.error("Invalid rated power {} W for the simulated luminaire (must be >= 1): using 60 W", rated);
            rated = 60;
        }
        this.info = new LuminaireInfo(config.vendor(), config.model(), rated);
        this.noise = new SeededNoise(config.seed());
        this.injectedLampFailure = config.lamp_failure();
        this.gearFailure = config.gear_failure();
        this.failureAfterHours = Math.max(0, config.failure_after_hours());
        this.ticker = new Ticker<>("lampyris-sim-luminaire", thread, this::tick);
        Instant now = time.now();
        // Dark until told otherwise: the fail-safe bundle drives the level as soon as it sees this service.
        this.fadeStart = now;
        this.fadeEnd = now;
        this.accountedAt = now;
        LOG.info("Simulated luminaire {} {}, {} W, seed {}{}{}{}", info.vendor(), info.model(), rated, config.seed(),
                injectedLampFailure ? ", lamp failed" : "", gearFailure ? ", gear failed" : "",
                failureAfterHours > 0 ? ", lamp fails after " + failureAfterHours + " h" : "");
    }

    @Deactivate
    void deactivate() {
        steppingBack.close();
        ticker.close();
    }

    @Override
    public LuminaireInfo info() {
        return info;
    }

    @Override
    public void setLevel(double percent, Duration fade) {
        checkPercent("level", percent);
        Objects.requireNonNull(fade, "fade");
        if (fade.isNegative()) {
            throw new IllegalArgumentException("fade time must not be negative, got " + fade);
        }
        synchronized (this) {
            Instant now = time.now();
            advance(now);
            fromLevel = levelAt(now);
            toLevel = percent;
            fadeStart = now;
            fadeEnd = now.plus(fade);
            publish(snapshot(now));
        }
    }

    @Override
    public synchronized LuminaireState state() {
        Instant now = time.now();
        advance(now);
        return snapshot(now);
    }

    @Override
    public synchronized void setSystemFailureLevel(double percent) {
        checkPercent("system failure level", percent);
        systemFailureLevel = percent;
    }

    @Override
    public synchronized double systemFailureLevel() {
        return systemFailureLevel;
    }

    @Override
    public Subscription onChange(Consumer<LuminaireState> listener) {
        return ticker.subscribe(Objects.requireNonNull(listener, "listener"));
    }

    /** @return whether the listener thread runs; for tests */
    boolean ticking() {
        return ticker.running();
    }

    private static void checkPercent(String what, double percent) {
        if (!(percent >= 0 && percent <= 100)) {
            throw new IllegalArgumentException(what + " must be between 0 and 100 %, got " + percent);
        }
    }

    /** One tick of the listener thread: tell listeners if anything moved; tick faster while a fade runs. */
    private synchronized long tick() {
        Instant now = time.now();
        advance(now);
        LuminaireState state = snapshot(now);
        if (lastNotified == null || !sameEnough(lastNotified, state)) {
            publish(state);
        }
        return now.isBefore(fadeEnd) ? FADE_TICK_MILLIS : TICK_MILLIS;
    }

    private void publish(LuminaireState state) {
        lastNotified = state;
        ticker.publish(state);
    }

    private static boolean sameEnough(LuminaireState a, LuminaireState b) {
        return a.level() == b.level() && a.targetLevel() == b.targetLevel()
                && Math.abs(a.powerWatts() - b.powerWatts()) < 0.05
                && Math.abs(a.energyWattHours() - b.energyWattHours()) < 0.005
                && a.lampFailure() == b.lampFailure() && a.gearFailure() == b.gearFailure();
    }

    /**
     * Integrates energy and burning hours from the last accounted instant up to now. The interval is cut at the end
     * of the fade and at the moment the lamp wears out, so that within each piece the level is linear and the lamp
     * either burns or not; then the mean power of a piece is exactly the power at its mean level.
     */
    private void advance(Instant now) {
        while (accountedAt.isBefore(now)) {
            Instant from = accountedAt;
            Instant to = from.isBefore(fadeEnd) && fadeEnd.isBefore(now) ? fadeEnd : now;
            double hours = hours(from, to);
            double a = levelAt(from);
            double b = levelAt(to);
            boolean lit = !lampFailed() && !gearFailure && (a > 0 || b > 0);
            boolean failsNow = false;
            if (lit && failureAfterHours > 0 && burningHours + hours >= failureAfterHours) {
                hours = Math.max(0, failureAfterHours - burningHours);
                to = from.plusNanos((long) (hours * 3.6e12));
                b = levelAt(to);
                failsNow = true;
            }
            if (lit) {
                energyWattHours += info.ratedPowerWatts() * (0.08 + 0.92 * (a + b) / 200) * hours;
                burningHours += hours;
            } else {
                energyWattHours += STANDBY_WATTS * hours;
            }
            if (failsNow) {
                // Set exactly: rounding of the instant must not leave the lamp a nanosecond short of failing forever.
                burningHours = failureAfterHours;
                wornOut = true;
                LOG.info("Simulated lamp failed after {} burning hours", failureAfterHours);
            }
            accountedAt = to;
        }
    }

    private static double hours(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 3.6e12;
    }

    private double levelAt(Instant t) {
        if (!t.isBefore(fadeEnd)) {
            return toLevel;
        }
        if (!t.isAfter(fadeStart)) {
            return fromLevel;
        }
        double progress = (double) Duration.between(fadeStart, t).toNanos()
                / Duration.between(fadeStart, fadeEnd).toNanos();
        return fromLevel + (toLevel - fromLevel) * progress;
    }

    private boolean lampFailed() {
        return injectedLampFailure || wornOut;
    }

    private LuminaireState snapshot(Instant now) {
        double output = lampFailed() || gearFailure ? 0 : levelAt(now);
        double power = STANDBY_WATTS;
        if (output > 0) {
            // A real meter wanders a little around the driver's curve; the wander is a function of seed and second.
            double wander = 1 + NOISE * noise.smooth(now.getEpochSecond() / 10.0, 0);
            power = info.ratedPowerWatts() * (0.08 + 0.92 * output / 100) * wander;
        }
        return new LuminaireState(now, Math.round(output * 100) / 100.0, toLevel, power, energyWattHours,
                lampFailed(), gearFailure, burningHours);
    }
}
