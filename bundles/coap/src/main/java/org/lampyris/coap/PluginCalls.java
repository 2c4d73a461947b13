package org.lampyris.coap;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
        // A fixed set of threads with a bounded queue: calls wait for a free thread rather than being refused in
        // the moment a finished thread takes to come back, and threads that hung plugins hold cannot grow without
        // bound. Idle threads time out, so a quiet post holds none.
        this.executor = new ThreadPoolExecutor(maxThreads, maxThreads, idleSeconds, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(queueCapacity), r -> {
                    Thread t = new Thread(r, "lampyris-plugin-call-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.executor.allowCoreThreadTimeOut(true);
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
