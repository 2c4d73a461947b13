package org.lampyris.coap;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs calls into plugin code within a time budget, on threads of its own, so that a plugin that hangs costs its
 * client a prompt 5.03 instead of blocking the CoAP stack.
 */
final class PluginCalls implements AutoCloseable {

    /** A plugin call did not finish within the budget, or no thread was free to run it. */
    static final class Overrun extends Exception {
        private static final long serialVersionUID = 1L;

        Overrun(String message) {
            super(message);
        }
    }

    private final ThreadPoolExecutor executor;
    private final long budgetMillis;

    /**
     * @param budgetMillis how long a call may take
     * @param maxThreads the threads that call into plugins
     * @param queueCapacity the calls that may wait for a free thread; beyond this a call is an overrun at once
     * @param idleSeconds how long an idle thread is kept
     */
    PluginCalls(long budgetMillis, int maxThreads, int queueCapacity, long idleSeconds) {
        this.budgetMillis = budgetMillis;
        AtomicInteger count = new AtomicInteger();
        // Up to maxThreads threads with a bounded queue: calls wait for a free thread rather than being refused in
        // the moment a finished thread takes to come back, and threads that hung plugins hold cannot grow without
        // bound. A thread is made only when no idle one can take the call (a plain pool with maxThreads core threads
        // makes a new one for each of its first maxThreads calls, so a post held 16 idle threads after booting), and
        // idle threads time out, so a quiet post holds none.
        IdleFirstQueue queue = new IdleFirstQueue(queueCapacity);
        this.executor = new ThreadPoolExecutor(0, maxThreads, idleSeconds, TimeUnit.SECONDS, queue, r -> {
            Thread t = new Thread(r, "lampyris-plugin-call-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, (call, pool) -> {
            // Refused a thread (the pool filled up since the queue looked): queue it after all, if there is room.
            if (pool.isShutdown() || !queue.enqueue(call)) {
                throw new RejectedExecutionException("no thread and no room in the queue");
            }
        }) {
            @Override
            public void execute(Runnable command) {
                queue.inFlight.incrementAndGet();
                try {
                    super.execute(command);
                } catch (RejectedExecutionException e) {
                    queue.inFlight.decrementAndGet();
                    throw e;
                }
            }

            @Override
            protected <T> RunnableFuture<T> newTaskFor(Callable<T> callable) {
                return new CountedCall<>(callable, queue.inFlight);
            }

            @Override
            protected void afterExecute(Runnable r, Throwable t) {
                if (r instanceof CountedCall<?> call) {
                    call.countDone(); // if it never ran (cancelled) or failed
                } else {
                    queue.inFlight.decrementAndGet();
                }
            }
        };
        queue.pool = executor;
    }

    /**
     * A call that stops counting as in flight the moment its result is set, before its caller wakes: so the caller's
     * next call finds the thread about to be idle (and waits in the queue a moment for it) instead of making another.
     */
    private static final class CountedCall<T> extends FutureTask<T> {
        private final AtomicInteger inFlight;
        private final AtomicBoolean counted = new AtomicBoolean();

        CountedCall(Callable<T> callable, AtomicInteger inFlight) {
            super(callable);
            this.inFlight = inFlight;
        }

        void countDone() {
            if (counted.compareAndSet(false, true)) {
                inFlight.decrementAndGet();
            }
        }

        @Override
        protected void set(T v) {
            countDone();
            super.set(v);
        }

        @Override
        protected void setException(Throwable t) {
            countDone();
            super.setException(t);
        }
    }

    /**
     * The queue of calls waiting for a thread, which says it is full (so that the pool makes a thread) while every
     * thread is busy and the pool may still grow; a call that finds an idle thread is queued for it.
     */
    private static final class IdleFirstQueue extends LinkedBlockingQueue<Runnable> {
        private static final long serialVersionUID = 1L;
        final AtomicInteger inFlight = new AtomicInteger(); // submitted and not finished, this one included
        transient volatile ThreadPoolExecutor pool;

        IdleFirstQueue(int capacity) {
            super(capacity);
        }

        @Override
        public boolean offer(Runnable call) {
            ThreadPoolExecutor p = pool;
            if (p != null && inFlight.get() > p.getPoolSize() && p.getPoolSize() < p.getMaximumPoolSize()) {
                return false;
            }
            return super.offer(call);
        }

        boolean enqueue(Runnable call) {
            return super.offer(call);
        }
    }

    long budgetMillis() {
        return budgetMillis;
    }

    /**
     * @return the call's result
     * @throws Overrun if it took longer than the budget, or every thread is held by hung calls
     * @throws Exception whatever the plugin threw
     */
    <T> T call(Callable<T> call) throws Exception {
        Future<T> future;
        try {
            future = executor.submit(call);
        } catch (RejectedExecutionException e) {
            throw new Overrun("the platform is busy with plugin calls that did not return");
        }
        try {
            return future.get(budgetMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new Overrun("the plugin did not answer within " + budgetMillis + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Overrun("interrupted while waiting for the plugin");
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
