package org.lampyris.threads;

import java.util.concurrent.Executor;

import org.lampyris.internal.concurrent.SharedThreads;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;

/**
 * The post's shared timer and workers, while this bundle runs. Where the launcher offers its main thread (an
 * {@link Executor} service with {@code org.lampyris.threads=main}, registered before any bundle starts), that thread
 * runs the first worker, so that an idle post has no worker thread of its own; elsewhere (an OSGi test) every worker
 * is a thread.
 */
@Component(service = Pools.class)
public final class Pools {
    /** Workers at most: each component holds one at most, and only while one of its tasks runs. */
    static final int MAX_WORKERS = 64;
    /** How long a task waits for a busy worker before a new one is made for it. */
    static final long PATIENCE_MILLIS = 10;
    /** How long an idle worker thread is kept (the one on the main thread stays). */
    static final long IDLE_SECONDS = 10;

    final SharedThreads threads;

    @Activate
    public Pools(@Reference(target = "(" + PlatformTimer.PROPERTY + "=main)",
            cardinality = ReferenceCardinality.OPTIONAL) Executor mainThread) {
        this.threads = new SharedThreads(MAX_WORKERS, PATIENCE_MILLIS, IDLE_SECONDS, mainThread);
    }

    @Deactivate
    void deactivate() {
        threads.close();
    }
}
