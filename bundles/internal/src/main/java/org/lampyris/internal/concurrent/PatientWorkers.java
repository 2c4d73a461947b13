package org.lampyris.internal.concurrent;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Workers that take tasks in the order they come, and grow only when a task has waited: a task that finds no idle
 * worker waits up to {@code patienceMillis} for a busy one before a new worker is made for it. Components that wake at
 * the same moment share one worker, one after the other, instead of each keeping a thread of its own alive; a task
 * that blocks holds up the others only for the patience. A task goes at once only to the host's worker (or to the only
 * worker); one that has waited out the patience goes to an idle worker of another thread, or to a new one. So the
 * other workers take only what the first could not, and run out their {@code idleSeconds} and end.
 * <p>
 * A host (the launcher's main thread, which otherwise only waits for the framework to stop) may run the first worker:
 * that one never ends for being idle, so a post whose components wake now and then makes no thread for them at all.
 * It ends, and hands the host back, when the workers shut down.
 */
final class PatientWorkers implements Executor {
    private final ScheduledExecutorService timer;
    private final ThreadFactory threads;
    private final int maxWorkers;
    private final long patienceMillis;
    private final long idleNanos;
    private final Executor host;

    // Guarded by this.
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private final ArrayDeque<Worker> idle = new ArrayDeque<>(); // the most recently idle first
    private final Set<Thread> busy = new HashSet<>();
    private int workers;
    private boolean hosted; // the host runs a worker
    private boolean shutdown;

    /** One worker's hand-over slot. */
    private static final class Worker {
        final boolean onHost;
        Runnable task; // guarded by the workers

        Worker(boolean onHost) {
            this.onHost = onHost;
        }
    }

    PatientWorkers(ScheduledExecutorService timer, ThreadFactory threads, int maxWorkers, long patienceMillis,
            long idleSeconds, Executor host) {
        this.timer = timer;
        this.threads = threads;
        this.maxWorkers = maxWorkers;
        this.patienceMillis = patienceMillis;
        this.idleNanos = TimeUnit.SECONDS.toNanos(idleSeconds);
        this.host = host;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (this) {
            if (shutdown) {
                throw new RejectedExecutionException("the workers have stopped");
            }
            Worker first = firstIdle();
            if (first != null) {
                idle.remove(first);
                first.task = task;
                notifyAll();
                return;
            }
            queue.add(task);
            if (workers == 0) {
                start();
                return;
            }
        }
        // The first worker is busy: it may be done soon; if it has not taken the task in time, another one does.
        timer.schedule(() -> {
            synchronized (this) {
                if (shutdown || !queue.remove(task)) {
                    return;
                }
                Worker other = idle.pollFirst();
                if (other != null) {
                    other.task = task;
                    notifyAll();
                } else if (workers < maxWorkers) {
                    queue.addFirst(task);
                    start();
                } else {
                    queue.addFirst(task);
                }
            }
        }, patienceMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * Guarded by this.
     *
     * @return the idle worker that takes a task at once: the host's, or the only worker there is; or null
     */
    private Worker firstIdle() {
        for (Worker w : idle) {
            if (w.onHost) {
                return w;
            }
        }
        return workers == 1 ? idle.peekFirst() : null;
    }

    /** Guarded by this. */
    private void start() {
        workers++;
        if (host != null && !hosted) {
            hosted = true;
            Worker w = new Worker(true);
            try {
                host.execute(() -> work(w));
                return;
            } catch (RuntimeException e) {
                hosted = false; // the host takes no worker (it has stopped): a thread of its own, then
            }
        }
        Worker w = new Worker(false);
        try {
            threads.newThread(() -> work(w)).start();
        } catch (RuntimeException | Error e) {
            workers--;
            throw e;
        }
    }

    /** Hands the host a worker, if it has none: at once, rather than at the first task. */
    synchronized void startHosted() {
        if (host != null && !hosted && !shutdown) {
            start();
        }
    }

    private void work(Worker self) {
        Thread me = Thread.currentThread();
        try {
            while (true) {
                Runnable task = next(self);
                if (task == null) {
                    return;
                }
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    me.getUncaughtExceptionHandler().uncaughtException(me, e);
                } finally {
                    synchronized (this) {
                        busy.remove(me);
                    }
                    Thread.interrupted(); // an interrupt meant for this task must not reach the next
                }
            }
        } finally {
            synchronized (this) {
                idle.remove(self);
                busy.remove(me);
                workers--;
                hosted &= !self.onHost;
            }
        }
    }

    /** @return the worker's next task, or null when it is to end (shut down, or idle too long off the host) */
    private synchronized Runnable next(Worker self) {
        long deadline = System.nanoTime() + idleNanos;
        while (true) {
            if (shutdown) {
                return null;
            }
            Runnable task = self.task;
            self.task = null;
            if (task == null) {
                task = queue.poll();
            }
            if (task != null) {
                idle.remove(self);
                busy.add(Thread.currentThread());
                return task;
            }
            if (!idle.contains(self)) {
                idle.addFirst(self);
            }
            try {
                if (self.onHost) {
                    wait();
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return null;
                    }
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
            } catch (InterruptedException e) {
                // a stale interrupt: look again
            }
        }
    }

    /** @return the workers alive now */
    synchronized int size() {
        return workers;
    }

    /**
     * Takes no more tasks; idle workers end, busy ones after their task, which is interrupted (as a component's own
     * thread would be when its executor is shut down): the host gets its thread back.
     */
    synchronized void shutdown() {
        shutdown = true;
        queue.clear();
        busy.forEach(Thread::interrupt);
        notifyAll();
    }
}
