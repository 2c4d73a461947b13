package org.lampyris.threads;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.lampyris.internal.concurrent.SerialScheduler;
import org.osgi.framework.Bundle;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;

/**
 * A bundle's own scheduler, as if it had a thread of its own, without one: its tasks run one at a time on the post's
 * shared workers ({@link SerialScheduler}). Each bundle whose components take it with
 * {@code @Reference(target = "(org.lampyris.threads=serial)")} gets its own (bundle scope: the components of one
 * bundle share it, as they would share a thread of the bundle's), and what was left scheduled is dropped when the
 * bundle lets go of it (when its last component using it is deactivated).
 * <p>
 * A component that shuts it down (as it would its own executor when it is deactivated) drops what the bundle had
 * scheduled and queued, and the scheduler goes on with a fresh queue: a new instance of the component may already
 * hold the same object (the framework hands a bundle one object of a bundle-scope service), and must find it working.
 * {@code awaitTermination} then waits for the task of the old queue that runs, if any.
 * <p>
 * Bundle scope rather than one per component (prototype scope): Felix SCR 2.2.12 failed to unget a prototype-scope
 * service while it deactivated a component that is itself a service another bundle uses, and that component then
 * never activated again (a configuration change of the CoAP endpoint left the post deaf).
 */
@Component(service = ScheduledExecutorService.class, scope = ServiceScope.BUNDLE,
        property = PlatformTimer.PROPERTY + "=serial")
public final class ComponentScheduler extends Forwarding {
    private final Pools pools;
    private final String name;
    private volatile SerialScheduler current;
    private volatile SerialScheduler retired;

    @Activate
    public ComponentScheduler(@Reference Pools pools, ComponentContext context) {
        this.pools = pools;
        this.name = nameFor(context.getUsingBundle());
        this.current = pools.threads.serial(name);
    }

    /** @return the name a worker carries while it runs a task of the bundle: {@code lampyris-dimming} and the like */
    static String nameFor(Bundle user) {
        String bsn = user == null ? null : user.getSymbolicName();
        if (bsn == null) {
            return "lampyris-bundle-" + (user == null ? "?" : user.getBundleId());
        }
        return bsn.startsWith("org.lampyris.") ? "lampyris-" + bsn.substring("org.lampyris.".length()).replace('.', '-')
                : bsn;
    }

    @Override
    ScheduledExecutorService delegate() {
        return current;
    }

    /** @return the queue that is retired, the scheduler now going on with a fresh one */
    private synchronized SerialScheduler retire() {
        SerialScheduler old = current;
        retired = old;
        current = pools.threads.serial(name);
        return old;
    }

    @Override
    public void shutdown() {
        retire().shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        return retire().shutdownNow();
    }

    /** @return false: the scheduler goes on for the bundle's other components (see the class comment) */
    @Override
    public boolean isShutdown() {
        return false;
    }

    /** @return whether the queue retired last has nothing running any more */
    @Override
    public boolean isTerminated() {
        SerialScheduler r = retired;
        return r != null && r.isTerminated();
    }

    /** Waits for the task of the queue retired last that still runs, if any. */
    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        SerialScheduler r = retired;
        return r != null && r.awaitTermination(timeout, unit);
    }

    @Deactivate
    void deactivate() {
        current.shutdownNow();
    }
}
