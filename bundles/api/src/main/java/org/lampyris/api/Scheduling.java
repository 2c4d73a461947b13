package org.lampyris.api;

/**
 * The scheduler the platform lends each plugin component for its periodic work, instead of a thread of its own: a
 * controller has one or two cores, and a thread per plugin buys nothing but memory. It is a plain
 * {@link java.util.concurrent.ScheduledExecutorService} service; a component takes its own with
 *
 * <pre>
 * &#64;Activate
 * public Sampler(&#64;Reference(target = Scheduling.SERIAL, scope = ReferenceScope.PROTOTYPE_REQUIRED)
 *         ScheduledExecutorService scheduler) {
 *     scheduler.scheduleAtFixedRate(this::sample, 0, 60, TimeUnit.SECONDS);
 * }
 * </pre>
 *
 * It behaves as a scheduler with one thread of the component's own: its tasks run one at a time, in the order they
 * come due, and a periodic task that throws is not run again. They run on the post's shared workers, so a task that
 * blocks holds up only the component's own later tasks. What the component left scheduled is dropped when it is
 * deactivated (it may also shut its scheduler down itself; that stops only its own). Shutting down never interrupts a
 * task that runs.
 */
public final class Scheduling {
    /** The target filter of the reference to a component's own scheduler. */
    public static final String SERIAL = "(org.lampyris.threads=serial)";

    private Scheduling() {
    }
}
