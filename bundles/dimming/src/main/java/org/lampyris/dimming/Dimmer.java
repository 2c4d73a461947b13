package org.lampyris.dimming;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.lampyris.api.Scheduling;
import org.lampyris.api.Subscription;
import org.lampyris.api.counting.TrafficCounting;
import org.lampyris.api.counting.TrafficStatus;
import org.lampyris.api.lighting.LightingControl;
import org.lampyris.api.lighting.LightingStatus;
import org.lampyris.api.point.InvalidValueException;
import org.lampyris.hal.Site;
import org.lampyris.hal.TimeSource;
import org.lampyris.hal.luminaire.Luminaire;
import org.lampyris.hal.luminaire.LuminaireState;
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
 * Holds the luminaire and provides the lighting capability. The light follows, in order of precedence: an operator's
 * override until it expires; a boost while the counting capability (any vendor's) reports road users at night; the
 * plan of the astronomical clock and the night profile. While this component is active it is in control of the light;
 * when it goes away, the platform's fail-safe takes over.
 */
@Component(service = { LightingControl.class, Dimmer.class }, configurationPid = DimmingConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = DimmingConfig.class)
public class Dimmer implements LightingControl {
    private static final Logger LOG = LoggerFactory.getLogger(Dimmer.class);

    /** What the configuration decides; replaced as a whole when it changes. */
    private record Settings(LightPlan plan, Duration fade, double boostLevel, Duration boostHold,
            Duration overrideFor, long periodMillis) {

        static Settings of(Site site, TimeSource time, DimmingConfig config) {
            return new Settings(new LightPlan(site.latitude(), site.longitude(), time.zone(),
                    Duration.ofMinutes(config.dusk_offset_minutes()), Duration.ofMinutes(config.dawn_offset_minutes()),
                    NightProfile.parse(config.profile()), clamp(config.day_level())),
                    Duration.ofMillis(Math.max(0, config.fade_ms())), clamp(config.boost_level()),
                    Duration.ofSeconds(Math.max(0, config.boost_hold_seconds())),
                    Duration.ofMinutes(Math.max(1, config.override_minutes())), Math.max(20, config.evaluation_ms()));
        }
    }

    private final Luminaire luminaire;
    private final TimeSource time;
    private final Site site;
    private final ScheduledExecutorService evaluator;

    // Guarded by this.
    private Settings settings;
    private ScheduledFuture<?> schedule;
    private Instant overrideUntil;
    private double overrideLevel;
    private Instant boostUntil;
    private double applied = Double.NaN;
    private String appliedReason = "";

    private volatile Subscription presence;

    @Activate
    public Dimmer(@Reference Luminaire luminaire, @Reference TimeSource time, @Reference Site site,
            DimmingConfig config, @Reference(target = Scheduling.SERIAL) ScheduledExecutorService evaluator) {
        this.luminaire = luminaire;
        this.time = time;
        this.site = site;
        this.settings = Settings.of(site, time, config);
        this.evaluator = evaluator;
        evaluate();
        synchronized (this) {
            schedule(settings.periodMillis());
        }
        LOG.info("Dimming holds the luminaire ({} {}) at {}, {}: {} % ({})", luminaire.info().vendor(),
                luminaire.info().model(), site.latitude(), site.longitude(), format(applied), appliedReason);
    }

    /**
     * A new configuration takes effect in place: the lighting capability stays registered, so the fail-safe never
     * takes over for a settings change, and an operator's level or a boost in force is kept. A configuration that
     * cannot be applied (a malformed profile, say) is refused and the previous one stays in force.
     */
    @Modified
    void modified(DimmingConfig config) {
        Settings next;
        try {
            next = Settings.of(site, time, config);
        } catch (RuntimeException e) {
            LOG.error("Dimming configuration refused, the previous one stays in force: {}", e.getMessage());
            return;
        }
        synchronized (this) {
            long previousPeriod = settings.periodMillis();
            settings = next;
            if (next.periodMillis() != previousPeriod) {
                schedule(next.periodMillis());
            }
        }
        evaluateSafely();
        LOG.info("Dimming configuration applied: profile {}, boost {} % for {}", config.profile(),
                format(next.boostLevel()), next.boostHold());
    }

    /** Guarded by this. */
    private void schedule(long periodMillis) {
        if (schedule != null) {
            schedule.cancel(false);
        }
        schedule = evaluator.scheduleWithFixedDelay(this::evaluateSafely, periodMillis, periodMillis,
                TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void deactivate() {
        evaluator.shutdownNow();
        Subscription s = presence;
        if (s != null) {
            s.close();
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindCounting(TrafficCounting counting) {
        Subscription previous = presence;
        presence = counting.onChange(this::onTraffic);
        if (previous != null) {
            previous.close();
        }
        onTraffic(counting.status());
    }

    void unbindCounting(TrafficCounting counting) {
        Subscription s = presence;
        presence = null;
        if (s != null) {
            s.close();
        }
    }

    /** Presence extends the boost; the light follows at the next evaluation, or at once if it must go up. */
    void onTraffic(TrafficStatus status) {
        if (status.present() <= 0) {
            return;
        }
        synchronized (this) {
            boostUntil = time.now().plus(settings.boostHold());
        }
        evaluateSafely();
    }

    /**
     * Sets the light level at an operator's request until the override expires, fading over the fade time.
     *
     * @throws InvalidValueException if the level is outside 0-100 %
     */
    public void setLevel(double percent) throws InvalidValueException {
        if (!(percent >= 0 && percent <= 100)) {
            throw new InvalidValueException("level must be between 0 and 100 %, got " + format(percent));
        }
        synchronized (this) {
            overrideLevel = percent;
            overrideUntil = time.now().plus(settings.overrideFor());
        }
        evaluate();
    }

    /** Decides the level now and drives the luminaire if it differs from the last level applied. */
    synchronized void evaluate() {
        Instant now = time.now();
        double level;
        String reason;
        Settings current = settings;
        double boostLevel = current.boostLevel();
        LightPlan.Planned planned = current.plan().at(now);
        if (overrideUntil != null && now.isBefore(overrideUntil)) {
            level = overrideLevel;
            reason = "operator override until " + overrideUntil;
        } else if (planned.night() && boostUntil != null && now.isBefore(boostUntil) && boostLevel > planned.level()) {
            overrideUntil = null;
            level = boostLevel;
            reason = "presence";
        } else {
            overrideUntil = null;
            level = planned.level();
            reason = planned.reason();
        }
        if (level != applied) {
            luminaire.setLevel(level, Double.isNaN(applied) ? Duration.ZERO : current.fade());
            LOG.info("Light to {} % ({})", format(level), reason);
            applied = level;
            appliedReason = reason;
        }
    }

    private void evaluateSafely() {
        try {
            evaluate();
        } catch (RuntimeException e) {
            LOG.error("Dimming evaluation failed: {}", e.toString());
        }
    }

    @Override
    public LightingStatus status() {
        return toStatus(luminaire.state());
    }

    @Override
    public Subscription onChange(Consumer<LightingStatus> listener) {
        org.lampyris.hal.Subscription s = luminaire.onChange(state -> listener.accept(toStatus(state)));
        return s::close;
    }

    /** The level reported is the level the light is set to, which a fade is moving towards. */
    private static LightingStatus toStatus(LuminaireState s) {
        return new LightingStatus(s.time(), s.targetLevel(), s.powerWatts(), s.energyWattHours(), s.lampFailure(),
                s.gearFailure());
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : Double.toString(value);
    }

    private static double clamp(double level) {
        return Math.max(0, Math.min(100, level));
    }
}
