package org.lampyris.api;

/**
 * The scheduler the platform lends each plugin bundle for its periodic work, instead of a thread of its own: a
 * controller has one or two cores, and a thread per plugin buys nothing but memory. It is a plain
 * {@link java.util.concurrent.ScheduledExecutorService} service; a component takes it with
 *
 * <pre>
 * &#64;Activate
 * public Sampler(&#64;Reference(target = Scheduling.SERIAL) ScheduledExecutorService scheduler) {
 *     scheduler.scheduleAtFixedRate(this::sample, 0, 60, TimeUnit.SECONDS);
 * }
 * </pre>
 *
 * It behaves as a scheduler with one thread of the bundle's own (the components of one bundle share it): its tasks
 * run one at a time, in the order they come due, and a periodic task that throws is not run again. They run on the
 * post's shared workers, so a task that blocks holds up only the bundle's own later tasks (and the others' for 10 ms
 * at most). What was left scheduled is dropped when the bundle's last component using it is deactivated; a component
 * cancels its own futures when it is deactivated, or shuts the scheduler down, which stops only the bundle's own.
 * Shutting down never interrupts a task that runs.
 */
public final class Scheduling {
    /** The target filter of the reference to a component's own scheduler. */
    public static final String SERIAL = "(org.lampyris.threads=serial)";

    private Scheduling() {
    }
}
