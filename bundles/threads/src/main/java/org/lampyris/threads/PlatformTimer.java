package org.lampyris.threads;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The post's one timer thread, for the platform's own short work that never blocks: Californium's timers, its DTLS
 * connector's, and the moments the components' schedulers hand a task to a worker. No user can stop it for the
 * others: {@code shutdown} is refused.
 */
@Component(service = ScheduledExecutorService.class, property = PlatformTimer.PROPERTY + "=timer")
public final class PlatformTimer extends Forwarding {
    /** The service property that tells the shared schedulers apart: {@code timer} or {@code serial}. */
    static final String PROPERTY = "org.lampyris.threads";

    private final ScheduledExecutorService timer;

    @Activate
    public PlatformTimer(@Reference Pools pools) {
        this.timer = pools.threads.timer();
    }

    @Override
    ScheduledExecutorService delegate() {
        return timer;
    }

    /** Refused: the timer is the post's, not a user's (Californium is told not to stop executors it was given). */
    @Override
    public void shutdown() {
        throw new UnsupportedOperationException("the post's timer is shared; it stops with its bundle");
    }

    @Override
    public List<Runnable> shutdownNow() {
        throw new UnsupportedOperationException("the post's timer is shared; it stops with its bundle");
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return false;
    }
}
