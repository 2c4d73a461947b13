package org.lampyris.hal.sim;

import java.util.Hashtable;

import org.lampyris.hal.luminaire.Luminaire;
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
 * Registers the simulated luminaire as the post's {@link Luminaire} while no other luminaire is registered, and
 * withdraws it while one is. Why not service ranking: plugins bind the luminaire with a static, reluctant reference
 * (the DS default), which keeps the service it bound first; a real driver with a higher ranking would be ignored
 * until the plugin restarted. Withdrawing the simulated one makes every plugin move over at once, with no plugin
 * changed, and a post with no real luminaire never notices this class.
 */
final class SteppingBack implements AutoCloseable {
    /** The service property that marks the simulated luminaire, so that it does not step back for itself. */
    static final String SIMULATED = "lampyris.hal.simulated";
    private static final Logger LOG = LoggerFactory.getLogger(SteppingBack.class);

    private final Luminaire simulated;
    // Guarded by this.
    private ServiceTracker<Luminaire, Luminaire> others;
    private ServiceRegistration<Luminaire> registration;
    private int real;
    private boolean closed;

    SteppingBack(Luminaire simulated) {
        this.simulated = simulated;
    }

    /** Starts offering the simulated luminaire through a bundle's context. */
    void offer(BundleContext context) {
        Filter filter;
        try {
            filter = FrameworkUtil.createFilter("(&(" + Constants.OBJECTCLASS + "=" + Luminaire.class.getName()
                    + ")(!(" + SIMULATED + "=true)))");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("the filter is a constant", e);
        }
        ServiceTracker<Luminaire, Luminaire> tracker = new ServiceTracker<>(context, filter, null) {
            @Override
            public Luminaire addingService(ServiceReference<Luminaire> reference) {
                changed(context, +1, reference);
                return simulated; // any non-null object: the tracker only counts
            }

            @Override
            public void removedService(ServiceReference<Luminaire> reference, Luminaire service) {
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

    private void changed(BundleContext context, int delta, ServiceReference<Luminaire> reference) {
        ServiceRegistration<Luminaire> withdraw = null;
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
            LOG.info("A real luminaire from {} is registered: the simulated luminaire steps back", bundle);
            unregister(withdraw);
        }
        if (offer) {
            LOG.info("No real luminaire is left (the one from {} went): the simulated luminaire takes over", bundle);
            ServiceRegistration<Luminaire> registered = register(context);
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

    private ServiceRegistration<Luminaire> register(BundleContext context) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(SIMULATED, Boolean.TRUE);
        properties.put(Constants.SERVICE_DESCRIPTION, "Lampyris simulated luminaire");
        return context.registerService(Luminaire.class, simulated, properties);
    }

    private static void unregister(ServiceRegistration<Luminaire> registration) {
        try {
            registration.unregister();
        } catch (IllegalStateException e) {
            // Already gone with its bundle.
        }
    }

    @Override
    public void close() {
        ServiceTracker<Luminaire, Luminaire> tracker;
        ServiceRegistration<Luminaire> withdraw;
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
