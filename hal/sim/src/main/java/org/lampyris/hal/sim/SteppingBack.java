package org.lampyris.hal.sim;

import java.util.Hashtable;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers a simulated device as the post's HAL service of its kind (a {@code Luminaire}, an
 * {@code EvSupplyEquipment}, an {@code AirQualitySensor}) while no other service of that kind is registered, and
 * withdraws it while one is. Why not service ranking: plugins bind the luminaire with a static, reluctant reference
 * (the DS default), which keeps the service it bound first; a real driver with a higher ranking would be ignored
 * until the plugin restarted. Withdrawing the simulated one makes every plugin move over at once, with no plugin
 * changed, and a post with no real device never notices this class.
 *
 * @param <S> the HAL service
 */
final class SteppingBack<S> implements AutoCloseable {
    /** The service property that marks a simulated device, so that it does not step back for itself. */
    static final String SIMULATED = "lampyris.hal.simulated";
    private static final Logger LOG = LoggerFactory.getLogger(SteppingBack.class);

    private final Class<S> type;
    private final S simulated;
    private final String what;
    // Guarded by this.
    private ServiceTracker<S, S> others;
    private ServiceRegistration<S> registration;
    private int real;
    private boolean closed;

    /**
     * @param type the HAL service
     * @param simulated the simulated device
     * @param what what it is, for the log and its service description: "simulated luminaire"
     */
    SteppingBack(Class<S> type, S simulated, String what) {
        this.type = type;
        this.simulated = simulated;
        this.what = what;
    }

    /** Starts offering the simulated device through a bundle's context. */
    void offer(BundleContext context) {
        Filter filter;
        try {
            filter = FrameworkUtil.createFilter("(&(" + Constants.OBJECTCLASS + "=" + type.getName()
                    + ")(!(" + SIMULATED + "=true)))");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("the filter is a constant", e);
        }
        ServiceTracker<S, S> tracker = new ServiceTracker<>(context, filter, null) {
            @Override
            public S addingService(ServiceReference<S> reference) {
                changed(context, +1, reference);
                return simulated; // any non-null object: the tracker only counts
            }

            @Override
            public void removedService(ServiceReference<S> reference, S service) {
                changed(context, -1, reference);
            }
        };
        synchronized (this) {
            others = tracker;
        }
        tracker.open();
        synchronized (this) {
            if (real == 0 && registration == null && !closed) {
                registration = register(context);
            }
        }
    }

    private void changed(BundleContext context, int delta, ServiceReference<S> reference) {
        ServiceRegistration<S> withdraw = null;
        boolean offer = false;
        synchronized (this) {
            real += delta;
            if (closed) {
                return;
            }
            if (real > 0 && registration != null) {
                withdraw = registration;
                registration = null;
            } else if (real == 0 && registration == null && others != null) {
                offer = true;
            }
        }
        Object bundle = reference.getBundle() == null ? "a stopped bundle" : reference.getBundle().getSymbolicName();
        if (withdraw != null) {
            LOG.info("A real {} from {} is registered: the {} steps back", type.getSimpleName(), bundle, what);
            unregister(withdraw);
        }
        if (offer) {
            LOG.info("No real {} is left (the one from {} went): the {} takes over", type.getSimpleName(), bundle,
                    what);
            ServiceRegistration<S> registered = register(context);
            synchronized (this) {
                if (registration == null && real == 0 && !closed) {
                    registration = registered;
                    registered = null;
                }
            }
            if (registered != null) {
                unregister(registered);
            }
        }
    }

    private ServiceRegistration<S> register(BundleContext context) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(SIMULATED, Boolean.TRUE);
        properties.put(Constants.SERVICE_DESCRIPTION, "Lampyris " + what);
        return context.registerService(type, simulated, properties);
    }

    private static void unregister(ServiceRegistration<?> registration) {
        try {
            registration.unregister();
        } catch (IllegalStateException e) {
            // Already gone with its bundle.
        }
    }

    @Override
    public void close() {
        ServiceTracker<S, S> tracker;
        ServiceRegistration<S> withdraw;
        synchronized (this) {
            closed = true;
            tracker = others;
            others = null;
            withdraw = registration;
            registration = null;
        }
        if (withdraw != null) {
            unregister(withdraw);
        }
        if (tracker != null) {
            tracker.close();
        }
    }
}
