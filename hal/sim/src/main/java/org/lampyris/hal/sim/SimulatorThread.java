package org.lampyris.hal.sim;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The one daemon thread that ticks the simulated devices of this bundle and delivers their notifications. A
 * controller has one or two cores, so a thread per device buys nothing but memory; one thread still delivers each
 * device's notifications in the order they were published. It runs while at least one device is listened to
 * ({@link #acquire()} and {@link #release()} count them) and stops with the last. The devices get it through DS,
 * and then it is no thread of its own but this bundle's scheduler on the post's shared workers (the platform's
 * {@code (org.lampyris.threads=serial)} service); a device made by hand in a test gets a thread of its own.
 */
@Component(service = SimulatorThread.class)
public final class SimulatorThread {
    static final String NAME = "lampyris-sim";

    /** The platform's scheduler for this component, or null for a thread of its own. */
    private final ScheduledExecutorService shared;
    private ScheduledThreadPoolExecutor executor; // guarded by this
    private int users; // guarded by this

    /** A simulator thread of its own, for devices made by hand. */
    public SimulatorThread() {
        this.shared = null;
    }

    /** @param shared this component's scheduler on the post's shared workers */
    @Activate
    public SimulatorThread(@Reference(target = "(org.lampyris.threads=serial)") ScheduledExecutorService shared) {
        this.shared = shared;
    }

    /** @return the running thread's executor, started if nobody used it */
    synchronized ScheduledExecutorService acquire() {
        if (shared != null) {
            users++;
            return shared;
        }
        if (executor == null) {
            executor = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, NAME);
                t.setDaemon(true);
                return t;
            });
            executor.setRemoveOnCancelPolicy(true);
        }
        users++;
        return executor;
    }

    /** One user fewer; the thread stops with the last. */
    synchronized void release() {
        if (users > 0 && --users == 0 && executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Deactivate
    synchronized void deactivate() {
        users = 0;
        if (shared != null) {
            shared.shutdownNow();
        }
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }
}
