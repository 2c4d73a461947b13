package org.lampyris.internal.concurrent;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads a post's components share instead of a thread each: one timer for short platform work (Californium's
 * timers, DTLS, and the moments {@link SerialScheduler}s hand their tasks over) and workers that run the components'
 * tasks. A task that finds every worker busy waits up to {@code patienceMillis} before a new worker is made for it,
 * and an idle worker ends after {@code idleSeconds}: a post whose components wake every second or two keeps one
 * worker, and a component that blocks in a task costs the others a moment, not their turn.
 */
public final class SharedThreads implements AutoCloseable {
    /** The timer's name, as a thread dump shows it. */
    public static final String TIMER = "lampyris-timer";
    /** An idle worker's name; while it runs a component's task it carries that scheduler's name. */
    public static final String WORKER = "lampyris-work";

    private final ScheduledThreadPoolExecutor timer;
    private final PatientWorkers workers;

    /**
     * @param maxWorkers     workers at most (each component holds one at most, and only while one of its tasks runs);
     *                       beyond them tasks wait
     * @param patienceMillis how long a task waits for a busy worker before a new one is made for it
     * @param idleSeconds    how long an idle worker is kept
     */
    public SharedThreads(int maxWorkers, long patienceMillis, long idleSeconds) {
        this(maxWorkers, patienceMillis, idleSeconds, null);
    }

    /**
     * @param maxWorkers     workers at most (each component holds one at most, and only while one of its tasks runs);
     *                       beyond them tasks wait
     * @param patienceMillis how long a task waits for a busy worker before a new one is made for it
     * @param idleSeconds    how long an idle worker is kept
     * @param host           runs one worker that never ends for being idle, from now until {@link #close} (the
     *                       launcher's main thread), or null
     */
    public SharedThreads(int maxWorkers, long patienceMillis, long idleSeconds, Executor host) {
        this.timer = new ScheduledThreadPoolExecutor(1, r -> daemon(r, TIMER));
        timer.setRemoveOnCancelPolicy(true);
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        AtomicInteger count = new AtomicInteger();
        this.workers = new PatientWorkers(timer, r -> daemon(r, WORKER + "-" + count.incrementAndGet()), maxWorkers,
                patienceMillis, idleSeconds, host);
        workers.startHosted();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** @return the timer: only for work that is short and never blocks */
    public ScheduledThreadPoolExecutor timer() {
        return timer;
    }

    /** @return the workers */
    public Executor workers() {
        return workers;
    }

    /** @return the workers alive now */
    public int workerCount() {
        return workers.size();
    }

    /**
     * @param name what a worker is called while it runs one of the scheduler's tasks
     * @return a scheduler of one component's tasks, one at a time, on these threads
     */
    public SerialScheduler serial(String name) {
        return new SerialScheduler(name, timer, workers);
    }

    /** Stops the timer and the workers; a task that runs finishes. */
    @Override
    public void close() {
        workers.shutdown();
        timer.shutdownNow();
    }
}
