package org.lampyris.threads;

import java.util.concurrent.ScheduledExecutorService;

import org.lampyris.internal.concurrent.SerialScheduler;
import org.osgi.framework.Bundle;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;

/**
 * A component's own scheduler, as if it had a thread of its own, without one: its tasks run one at a time on the
 * post's shared workers ({@link SerialScheduler}). Each component that takes it with
 * {@code @Reference(target = "(org.lampyris.threads=serial)", scope = ReferenceScope.PROTOTYPE_REQUIRED)} gets its
 * own, and what it left scheduled is dropped when it lets go of it (when it is deactivated).
 */
@Component(service = ScheduledExecutorService.class, scope = ServiceScope.PROTOTYPE,
        property = PlatformTimer.PROPERTY + "=serial")
public final class ComponentScheduler extends Forwarding {
    private final SerialScheduler scheduler;

    @Activate
    public ComponentScheduler(@Reference Pools pools, ComponentContext context) {
        this.scheduler = pools.threads.serial(nameFor(context.getUsingBundle()));
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
        return scheduler;
    }

    @Deactivate
    void deactivate() {
        scheduler.shutdownNow();
    }
}
