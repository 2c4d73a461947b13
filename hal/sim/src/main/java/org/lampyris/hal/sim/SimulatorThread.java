package org.lampyris.hal.sim;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The one daemon thread that ticks the simulated devices of this bundle and delivers their notifications. A
 * controller has one or two cores, so a thread per device buys nothing but memory; one thread still delivers each
 * device's notifications in the order they were published. It runs while at least one device is listened to
 * ({@link #acquire()} and {@link #release()} count them) and stops with the last. The devices get it through DS;
 * a device made by hand in a test gets a thread of its own.
 */
@Component(service = SimulatorThread.class)
public final class SimulatorThread {
    static final String NAME = "lampyris-sim";

    private ScheduledThreadPoolExecutor executor; // guarded by this
    private int users; // guarded by this

    /** @return the running thread's executor, started if nobody used it */
    synchronized ScheduledExecutorService acquire() {
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
        if (users > 0 && --users == 0) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Deactivate
    synchronized void deactivate() {
        users = 0;
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }
}
