package org.lampyris.internal.concurrent;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Workers that take tasks in the order they come, and grow only when a task has waited: a task that finds no idle
 * worker waits up to {@code patienceMillis} for a busy one before a new worker is made for it. Components that wake at
 * the same moment share one worker, one after the other, instead of each keeping a thread of its own alive; a task
 * that blocks holds up the others only for the patience. An idle worker ends after {@code idleSeconds}.
 */
final class PatientWorkers implements Executor {
    private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final ScheduledExecutorService timer;
    private final ThreadFactory threads;
    private final int maxWorkers;
    private final long patienceMillis;
    private final long idleNanos;

    // Guarded by this.
    private int workers;
    private int idle;
    private boolean shutdown;

    PatientWorkers(ScheduledExecutorService timer, ThreadFactory threads, int maxWorkers, long patienceMillis,
            long idleSeconds) {
        this.timer = timer;
        this.threads = threads;
        this.maxWorkers = maxWorkers;
        this.patienceMillis = patienceMillis;
        this.idleNanos = TimeUnit.SECONDS.toNanos(idleSeconds);
    }

    @Override
    public void execute(Runnable task) {
        synchronized (this) {
            if (shutdown) {
                throw new RejectedExecutionException("the workers have stopped");
            }
            queue.add(task);
            if (workers == 0) {
                start();
                return;
            }
        }
        // An idle worker takes it at once, or a busy one may be done soon; if none takes it in time, a new one does.
        timer.schedule(() -> {
            synchronized (this) {
                if (!shutdown && queue.contains(task) && workers < maxWorkers) {
                    start();
                }
            }
        }, patienceMillis, TimeUnit.MILLISECONDS);
    }

    /** Guarded by this. */
    private void start() {
        workers++;
        try {
            threads.newThread(this::work).start();
        } catch (RuntimeException | Error e) {
            workers--;
            throw e;
        }
    }

    private void work() {
        try {
            while (true) {
                Runnable task;
                synchronized (this) {
                    idle++;
                }
                try {
                    task = queue.poll(idleNanos, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    task = null;
                }
                synchronized (this) {
                    idle--;
                    if (task == null) {
                        if (shutdown || queue.isEmpty()) {
                            workers--;
                            return;
                        }
                        continue;
                    }
                }
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    Thread t = Thread.currentThread();
                    t.getUncaughtExceptionHandler().uncaughtException(t, e);
                } finally {
                    Thread.interrupted();
                }
            }
        } catch (RuntimeException | Error e) {
            synchronized (this) {
                workers--;
            }
            throw e;
        }
    }

    /** @return the workers alive now */
    synchronized int size() {
        return workers;
    }

    /** Takes no more tasks; idle workers end, busy ones after their task. */
    void shutdown() {
        synchronized (this) {
            shutdown = true;
        }
        queue.clear();
        // Idle workers wait in poll: wake them with no-ops that find shutdown set.
        for (int i = 0; i < maxWorkers; i++) {
            if (!queue.offer(() -> { })) {
                break;
            }
        }
    }
}
