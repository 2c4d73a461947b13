package org.lampyris.threads;

import org.lampyris.internal.concurrent.SharedThreads;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/** The post's shared timer and workers, while this bundle runs. */
@Component(service = Pools.class)
public final class Pools {
    /** Workers at most: each component holds one at most, and only while one of its tasks runs. */
    static final int MAX_WORKERS = 64;
    /** How long a task waits for a busy worker before a new one is made for it. */
    static final long PATIENCE_MILLIS = 50;
    /** How long an idle worker is kept. */
    static final long IDLE_SECONDS = 30;

    final SharedThreads threads = new SharedThreads(MAX_WORKERS, PATIENCE_MILLIS, IDLE_SECONDS);

    @Deactivate
    void deactivate() {
        threads.close();
    }
}
