package org.lampyris.internal.concurrent;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/** One daemon thread for a bundle's scheduled work. */
public final class OneThread {
    private OneThread() {
    }

    /**
     * @param name the thread's name, as the post's thread list shows it (e.g. {@code lampyris-ocpp})
     * @return a scheduler on one daemon thread: what is still scheduled when it shuts down is dropped, and a cancelled
     *         task leaves its queue at once (a link that reconnects cancels its timers often)
     */
    public static ScheduledExecutorService scheduler(String name) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }
}
