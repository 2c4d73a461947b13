package org.lampyris.internal.concurrent;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Delayed;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A single-threaded scheduler without a thread of its own: what one component schedules runs one task at a time, in
 * the order the tasks came due, as on a thread of its own, but on a shared pool of workers, and a shared timer only
 * says when. A component that blocks in a task holds up its own later tasks and one worker, never another component's
 * tasks nor the timer. While a task runs, the worker carries this scheduler's name, so that a thread dump names the
 * component.
 * <p>
 * Like a {@link java.util.concurrent.ScheduledThreadPoolExecutor} with one thread: a periodic task that throws is not
 * run again; after {@link #shutdown} nothing more is taken and what is still scheduled is dropped; a cancelled task
 * leaves the timer's queue at once. Unlike it, {@link #shutdownNow} does not interrupt a task that runs: the worker is
 * shared.
 */
public final class SerialScheduler extends AbstractExecutorService implements ScheduledExecutorService {
    private final String name;
    private final ScheduledExecutorService timer;
    private final Executor workers;
    private final Set<Job<?>> scheduled = ConcurrentHashMap.newKeySet();

    // Guarded by this.
    private final ArrayDeque<Runnable> due = new ArrayDeque<>();
    private boolean draining;
    private boolean shutdown;

    /**
     * @param name    what a worker is called while it runs one of the tasks (e.g. {@code lampyris-dimming})
     * @param timer   says when a task is due; runs only the hand-over, never a task
     * @param workers run the tasks; an idle worker is reused, and one is made if none is idle
     */
    public SerialScheduler(String name, ScheduledExecutorService timer, Executor workers) {
        this.name = name;
        this.timer = timer;
        this.workers = workers;
    }

    /** @return the name a worker carries while it runs this scheduler's tasks */
    public String name() {
        return name;
    }

    @Override
    public void execute(Runnable command) {
        if (command == null) {
            throw new NullPointerException("command");
        }
        boolean start;
        synchronized (this) {
            if (shutdown) {
                throw new RejectedExecutionException(name + " is shut down");
            }
            due.add(command);
            start = !draining;
            draining = true;
        }
        if (start) {
            startDraining();
        }
    }

    private void startDraining() {
        try {
            workers.execute(this::drain);
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                draining = false;
                due.clear();
            }
            throw new RejectedExecutionException(name + ": no worker is left to run its tasks", e);
        }
    }

    /** Runs what is due, one task after another, in the worker that was handed this. */
    private void drain() {
        Thread worker = Thread.currentThread();
        String idleName = worker.getName();
        worker.setName(name);
        try {
            while (true) {
                Runnable next;
                synchronized (this) {
                    next = due.poll();
                    if (next == null) {
                        draining = false;
                        notifyAll();
                        return;
                    }
                }
                try {
                    next.run();
                } catch (RuntimeException | Error e) {
                    Thread.UncaughtExceptionHandler handler = worker.getUncaughtExceptionHandler();
                    handler.uncaughtException(worker, e);
                } finally {
                    // A task's interrupt must not reach the next task, which may be another component's.
                    Thread.interrupted();
                }
            }
        } finally {
            worker.setName(idleName);
        }
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return start(new Job<Void>(command, null, 0, false), delay, unit);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return start(new Job<>(callable, 0, false), delay, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        if (period <= 0) {
            throw new IllegalArgumentException("period must be positive: " + period);
        }
        return start(new Job<Void>(command, null, unit.toNanos(period), true), initialDelay, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay,
            TimeUnit unit) {
        if (delay <= 0) {
            throw new IllegalArgumentException("delay must be positive: " + delay);
        }
        return start(new Job<Void>(command, null, unit.toNanos(delay), false), initialDelay, unit);
    }

    private <V> Job<V> start(Job<V> job, long delay, TimeUnit unit) {
        synchronized (this) {
            if (shutdown) {
                throw new RejectedExecutionException(name + " is shut down");
            }
            scheduled.add(job);
        }
        job.arm(System.nanoTime() + unit.toNanos(Math.max(0, delay)));
        return job;
    }

    @Override
    public void shutdown() {
        synchronized (this) {
            shutdown = true;
        }
        for (Job<?> job : scheduled) {
            job.cancel(false);
        }
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown();
        synchronized (this) {
            List<Runnable> dropped = new ArrayList<>(due);
            due.clear();
            return dropped;
        }
    }

    @Override
    public synchronized boolean isShutdown() {
        return shutdown;
    }

    @Override
    public synchronized boolean isTerminated() {
        return shutdown && !draining;
    }

    @Override
    public synchronized boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long end = System.nanoTime() + unit.toNanos(timeout);
        while (!(shutdown && !draining)) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    @Override
    public String toString() {
        return "SerialScheduler[" + name + "]";
    }

    /** A scheduled task: handed to the serial queue by the timer when due, and for a periodic one armed again. */
    private final class Job<V> extends FutureTask<V> implements ScheduledFuture<V> {
        private final long periodNanos; // 0: once
        private final boolean fixedRate;
        private volatile long dueNanos;
        private volatile ScheduledFuture<?> trigger;

        Job(Runnable task, V result, long periodNanos, boolean fixedRate) {
            super(task, result);
            this.periodNanos = periodNanos;
            this.fixedRate = fixedRate;
        }

        Job(Callable<V> task, long periodNanos, boolean fixedRate) {
            super(task);
            this.periodNanos = periodNanos;
            this.fixedRate = fixedRate;
        }

        void arm(long at) {
            dueNanos = at;
            try {
                trigger = timer.schedule(this::handOver, Math.max(0, at - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                cancel(false);
                throw new RejectedExecutionException(name + ": the platform's timer has stopped", e);
            }
            if (isCancelled()) { // cancelled while it was being armed
                trigger.cancel(false);
            }
        }

        /** On the timer: into the serial queue, nothing more. */
        private void handOver() {
            if (isDone()) {
                return;
            }
            try {
                SerialScheduler.this.execute(this);
            } catch (RejectedExecutionException e) {
                cancel(false);
            }
        }

        @Override
        public void run() {
            if (periodNanos == 0) {
                super.run();
                scheduled.remove(this);
                return;
            }
            if (!runAndReset()) {
                scheduled.remove(this);
                return;
            }
            long next = fixedRate ? dueNanos + periodNanos : System.nanoTime() + periodNanos;
            synchronized (SerialScheduler.this) {
                if (shutdown) {
                    cancel(false);
                    return;
                }
            }
            try {
                arm(next);
            } catch (RejectedExecutionException e) {
                scheduled.remove(this);
            }
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            // Never interrupts: the worker is shared, the interrupt could reach another component's task.
            boolean cancelled = super.cancel(false);
            ScheduledFuture<?> t = trigger;
            if (t != null) {
                t.cancel(false);
            }
            scheduled.remove(this);
            return cancelled;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }
    }
}
