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
 * rated power at the lowest level, standby power when off), energy and burning hours integrated over post time, and
 * injectable lamp and control-gear failures.
 */
@Component(configurationPid = SimulatedLuminaire.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = SimulatedLuminaire.Config.class)
public class SimulatedLuminaire implements Luminaire {
    static final String PID = "org.lampyris.hal.sim.luminaire";
    static final double STANDBY_WATTS = 0.3;
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedLuminaire.class);

    @ObjectClassDefinition(id = PID, name = "Lampyris simulated luminaire",
            description = "The LED luminaire of the simulated post.")
    public @interface Config {
        @AttributeDefinition(name = "Vendor", description = "Vendor name reported by the driver.")
        String vendor() default "Lampyris Simulator";

        @AttributeDefinition(name = "Model", description = "Model name reported by the driver.")
        String model() default "SIM-LED-60";

        @AttributeDefinition(name = "Rated power (W)", description = "Electrical power at 100 %.", min = "1")
        double rated_power() default 60;

        @AttributeDefinition(name = "Lamp failure", description = "Inject a failed light source: no light output.")
        boolean lamp_failure() default false;

        @AttributeDefinition(name = "Gear failure", description = "Inject a control-gear fault.")
        boolean gear_failure() default false;

        @AttributeDefinition(name = "Lamp fails after (h)",
                description = "The lamp fails after this many burning hours of post time; 0 for never.", min = "0")
        double failure_after_hours() default 0;

        @AttributeDefinition(name = "Tick (ms)",
                description = "How often observers are told about power and energy, in real milliseconds.",
                min = "50")
        long tick_ms() default 1000;
    }

    private final TimeSource time;
    private final LuminaireInfo info;
    private final boolean injectedLampFailure;
    private final boolean gearFailure;
    private final double failureAfterHours;
    private final Ticker<LuminaireState> ticker;

    // Guarded by this.
    private double fromLevel;
    private double toLevel;
    private Instant fadeStart;
    private Instant fadeEnd;
    private Instant accountedAt;
    private double energyWattHours;
    private double burningHours;
    private double systemFailureLevel = 100;
    private LuminaireState lastNotified;

    @Activate
    public SimulatedLuminaire(@Reference TimeSource time, Config config) {
        this.time = time;
        this.info = new LuminaireInfo(config.vendor(), config.model(), Math.max(1, config.rated_power()));
        this.injectedLampFailure = config.lamp_failure();
        this.gearFailure = config.gear_failure();
        this.failureAfterHours = config.failure_after_hours();
        this.ticker = new Ticker<>("lampyris-sim-luminaire", Math.max(50, config.tick_ms()), this::tick);
        Instant now = time.now();
        this.fadeStart = now;
        this.fadeEnd = now;
        this.accountedAt = now;
        LOG.info("Simulated luminaire {} {} ({} W){}{}", info.vendor(), info.model(), info.ratedPowerWatts(),
                injectedLampFailure ? ", lamp failed" : "", gearFailure ? ", gear failed" : "");
    }

    @Deactivate
    void deactivate() {
        ticker.close();
    }

    @Override
    public LuminaireInfo info() {
        return info;
    }

    @Override
    public void setLevel(double percent, Duration fade) {
        if (!(percent >= 0 && percent <= 100)) {
            throw new IllegalArgumentException("level must be between 0 and 100 %, got " + percent);
        }
        Objects.requireNonNull(fade, "fade");
        if (fade.isNegative()) {
            throw new IllegalArgumentException("fade time must not be negative, got " + fade);
        }
        LuminaireState state;
        synchronized (this) {
            Instant now = time.now();
            advance(now);
            fromLevel = levelAt(now);
            toLevel = percent;
            fadeStart = now;
            fadeEnd = now.plus(fade);
            state = snapshot(now);
        }
        notifyListeners(state, true);
    }

    @Override
    public synchronized LuminaireState state() {
        Instant now = time.now();
        advance(now);
        return snapshot(now);
    }

    @Override
    public synchronized void setSystemFailureLevel(double percent) {
        if (!(percent >= 0 && percent <= 100)) {
            throw new IllegalArgumentException("system failure level must be between 0 and 100 %, got " + percent);
        }
        systemFailureLevel = percent;
    }

    @Override
    public synchronized double systemFailureLevel() {
        return systemFailureLevel;
    }

    @Override
    public Subscription onChange(Consumer<LuminaireState> listener) {
        Objects.requireNonNull(listener, "listener");
        return ticker.subscribe(listener);
    }

    private void tick() {
        notifyListeners(state(), false);
    }

    private void notifyListeners(LuminaireState state, boolean always) {
        synchronized (this) {
            if (!always && lastNotified != null && sameEnough(lastNotified, state)) {
                return;
            }
            lastNotified = state;
        }
        ticker.publish(state);
    }

    private static boolean sameEnough(LuminaireState a, LuminaireState b) {
        return a.level() == b.level() && a.targetLevel() == b.targetLevel()
                && Math.abs(a.powerWatts() - b.powerWatts()) < 0.05
                && Math.abs(a.energyWattHours() - b.energyWattHours()) < 0.005
                && a.lampFailure() == b.lampFailure() && a.gearFailure() == b.gearFailure();
    }

    /** Integrates energy and burning hours up to now; power is linear in time within a fade, so trapezoids are exact. */
    private void advance(Instant now) {
        if (!now.isAfter(accountedAt)) {
            return;
        }
        if (accountedAt.isBefore(fadeEnd) && now.isAfter(fadeEnd)) {
            integrate(accountedAt, fadeEnd);
            integrate(fadeEnd, now);
        } else {
            integrate(accountedAt, now);
        }
        accountedAt = now;
    }

    private void integrate(Instant from, Instant to) {
        double hours = Duration.between(from, to).toNanos() / 3.6e12;
        double p0 = powerAt(levelAt(from));
        double p1 = powerAt(levelAt(to));
        energyWattHours += (p0 + p1) / 2 * hours;
        if (outputAt(levelAt(from)) > 0 || outputAt(levelAt(to)) > 0) {
            burningHours += hours;
        }
    }

    private double levelAt(Instant t) {
        if (!t.isBefore(fadeEnd) || fadeEnd.equals(fadeStart)) {
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
        return injectedLampFailure || (failureAfterHours > 0 && burningHours >= failureAfterHours);
    }

    /** @return the light actually emitted at a requested level */
    private double outputAt(double level) {
        return lampFailed() || gearFailure ? 0 : level;
    }

    private double powerAt(double level) {
        double output = outputAt(level);
        if (output <= 0) {
            return STANDBY_WATTS;
        }
        return info.ratedPowerWatts() * (0.08 + 0.92 * output / 100);
    }

    private LuminaireState snapshot(Instant now) {
        double level = levelAt(now);
        return new LuminaireState(now, Math.round(outputAt(level) * 10) / 10.0, toLevel, powerAt(level),
                energyWattHours, lampFailed(), gearFailure, burningHours);
    }
}
