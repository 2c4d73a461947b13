package org.lampyris.failsafe;

import java.io.IOException;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.lampyris.api.Scheduling;
import org.lampyris.api.point.InvalidValueException;
import org.lampyris.api.point.Point;
import org.lampyris.api.point.PointInfo;
import org.lampyris.api.point.PointPath;
import org.lampyris.api.point.Reading;
import org.lampyris.api.point.StandardPoint;
import org.lampyris.api.lighting.LightingControl;
import org.lampyris.hal.TimeSource;
import org.lampyris.hal.luminaire.Luminaire;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
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
 * The street never goes dark by accident: whenever no {@link LightingControl} service is registered (no lighting
 * plugin installed, or one that is stopping, updating, failed or quarantined) this component drives the luminaire to
 * the fail-safe level. It also programs that level into the control gear as its system failure level, so that the
 * gear holds it on its own should the controller die.
 * <p>
 * The level is itself a point, {@code /light/failsafe}, kept in Configuration Admin so that it survives a restart.
 * While the fail-safe holds the lamp, it also publishes {@code /light/level} as a read-only {@link HeldLevel}, so that
 * the lamp stays in sight of integrators and of the LwM2M server.
 */
@Component(service = Point.class, configurationPid = FailSafeConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
@Designate(ocd = FailSafeConfig.class)
@PointPath(StandardPoint.Paths.LIGHT_FAILSAFE)
public class FailSafeLighting implements Point {
    private static final Logger LOG = LoggerFactory.getLogger(FailSafeLighting.class);

    private final AtomicInteger holders = new AtomicInteger();
    /** The re-checks and the publishing of the held level, one at a time, on the post's shared workers. */
    private final ScheduledExecutorService recheck;
    /** Set when deactivated: the platform's scheduler goes on for the bundle, so it cannot say so itself. */
    private volatile boolean deactivated;

    @Reference
    private Luminaire luminaire;
    @Reference
    private TimeSource time;
    @Reference
    private ConfigurationAdmin configurationAdmin;
    private volatile FailSafeConfig config;
    private final HeldLevel heldLevel = new HeldLevel(this::read);
    private BundleContext context; // guarded by this, with heldLevelRegistration
    private ServiceRegistration<Point> heldLevelRegistration;

    /** @param recheck this component's scheduler, taken first: the lighting plugins' binds use it */
    @Activate
    public FailSafeLighting(@Reference(target = Scheduling.SERIAL)
            ScheduledExecutorService recheck) {
        this.recheck = recheck;
    }

    /** Every reference, the lighting plugins included, is bound before this runs. */
    @Activate
    void activate(BundleContext bundleContext, FailSafeConfig initial) {
        this.config = initial;
        synchronized (this) {
            this.context = bundleContext;
        }
        luminaire.setSystemFailureLevel(initial.level());
        if (holders.get() == 0) {
            apply("no lighting plugin is in control");
        }
        showHeldLevel();
    }

    @Modified
    void modified(FailSafeConfig changed) {
        this.config = changed;
        luminaire.setSystemFailureLevel(changed.level());
        if (holders.get() == 0) {
            apply("the fail-safe level changed");
            heldLevel.changed();
        }
    }

    @Deactivate
    void deactivate() {
        deactivated = true;
        recheck.shutdownNow();
        synchronized (this) {
            context = null;
            withdrawHeldLevel();
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addLighting(LightingControl lighting) {
        holders.incrementAndGet();
        showHeldLevel();
    }

    void removeLighting(LightingControl lighting) {
        if (holders.decrementAndGet() == 0 && config != null) {
            apply("the lighting plugin left");
            showHeldLevel();
            long delay = config.recheck_ms();
            if (delay > 0 && !deactivated) {
                recheck.schedule(() -> {
                    if (holders.get() == 0) {
                        apply("re-check after the lighting plugin left");
                    }
                }, delay, TimeUnit.MILLISECONDS);
            }
        }
    }

    /**
     * Publishes or withdraws {@code /light/level} as the fail-safe holds the lamp or not, on the re-check thread: not
     * from inside a reference's bind or unbind, and in the order the changes came.
     */
    private void showHeldLevel() {
        try {
            recheck.execute(this::updateHeldLevel);
        } catch (RejectedExecutionException e) {
            // deactivated: deactivate() withdrew the point
        }
    }

    private synchronized void updateHeldLevel() {
        if (holders.get() > 0 || context == null) {
            withdrawHeldLevel();
        } else if (heldLevelRegistration == null) {
            Dictionary<String, Object> props = new Hashtable<>();
            props.put(PointPath.PROPERTY, StandardPoint.Paths.LIGHT_LEVEL);
            // The lowest ranking makes it a stand-in: the platform gives its path to any other point at once.
            props.put(Constants.SERVICE_RANKING, Integer.MIN_VALUE);
            heldLevelRegistration = context.registerService(Point.class, heldLevel, props);
        }
    }

    private synchronized void withdrawHeldLevel() {
        if (heldLevelRegistration != null) {
            try {
                heldLevelRegistration.unregister();
            } catch (IllegalStateException e) {
                // already gone with the bundle
            }
            heldLevelRegistration = null;
        }
    }

    /** @return true while no lighting plugin is in control and the fail-safe level holds the light */
    public boolean engaged() {
        return holders.get() == 0;
    }

    private void apply(String why) {
        double level = config.level();
        try {
            luminaire.setLevel(level, Duration.ZERO);
            LOG.info("Fail-safe: luminaire held at {} % ({})", Reading.of(level, time.now()).text(), why);
        } catch (RuntimeException e) {
            LOG.error("Fail-safe: cannot drive the luminaire to {} %: {}", level, e.toString());
        }
    }

    @Override
    public PointInfo info() {
        return StandardPoint.LIGHT_FAILSAFE.info();
    }

    @Override
    public Reading read() {
        return Reading.of(config.level(), time.now());
    }

    @Override
    public void write(Reading value) throws InvalidValueException, IOException {
        double level = value.number();
        if (level < 0 || level > 100) {
            throw new InvalidValueException("the fail-safe level must be between 0 and 100 %, got " + value.text());
        }
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("level", level);
        props.put("recheck.ms", config.recheck_ms());
        // Stored in Configuration Admin, which calls modified() with the new level and keeps it across restarts.
        configurationAdmin.getConfiguration(FailSafeConfig.PID, "?").update(props);
    }
}
