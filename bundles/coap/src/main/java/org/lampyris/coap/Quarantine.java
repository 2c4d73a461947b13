package org.lampyris.coap;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.lampyris.api.health.PluginQuarantine;
import org.lampyris.api.health.QuarantinedPlugin;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the failed calls into each plugin bundle: an exception or a missed time budget is a failure, an answer
 * (including a refusal of a bad value, which is the client's fault) clears the count. A bundle that fails a number of
 * calls in a row is stopped, on a thread of its own so that a plugin that hangs in its deactivation holds nobody
 * else, and listed until an engineer starts it again. Platform bundles (the fail-safe above all) are never stopped.
 */
final class Quarantine implements PluginQuarantine, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Quarantine.class);

    /** A guard for the calls into one bundle's points. */
    interface Guard {
        void succeeded();

        void failed(String what);
    }

    /** For points whose bundle is not to be quarantined. */
    static final Guard NONE = new Guard() {
        @Override
        public void succeeded() {
        }

        @Override
        public void failed(String what) {
        }
    };

    private final int threshold;
    private final Set<String> exempt;
    private final Map<Long, Integer> failures = new HashMap<>();
    private final List<QuarantinedPlugin> quarantined = new ArrayList<>();
    private final ExecutorService stopper = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "lampyris-quarantine");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param threshold failed calls in a row that quarantine a bundle; 0 never to quarantine
     * @param exempt symbolic names of bundles never to stop
     */
    Quarantine(int threshold, Set<String> exempt) {
        this.threshold = threshold;
        this.exempt = Set.copyOf(exempt);
    }

    /** @return the guard of a bundle's points */
    Guard guard(Bundle bundle) {
        if (bundle == null || threshold <= 0 || bundle.getBundleId() == 0
                || exempt.contains(bundle.getSymbolicName())) {
            return NONE;
        }
        long id = bundle.getBundleId();
        return new Guard() {
            @Override
            public void succeeded() {
                synchronized (Quarantine.this) {
                    failures.remove(id);
                }
            }

            @Override
            public void failed(String what) {
                int count;
                synchronized (Quarantine.this) {
                    count = failures.merge(id, 1, Integer::sum);
                    if (count != threshold) {
                        return;
                    }
                }
                quarantine(bundle, count + " failed calls in a row, the last: " + what);
            }
        };
    }

    private void quarantine(Bundle bundle, String reason) {
        QuarantinedPlugin record = new QuarantinedPlugin(bundle.getSymbolicName(), bundle.getVersion().toString(),
                reason, Instant.now());
        synchronized (this) {
            quarantined.add(record);
        }
        LOG.warn("Plugin {} {} is quarantined (stopped): {}", record.symbolicName(), record.version(), reason);
        stopper.execute(() -> {
            try {
                bundle.stop();
            } catch (BundleException | IllegalStateException e) {
                LOG.warn("Stopping the quarantined plugin {} failed: {}", record.symbolicName(), e.toString());
            } finally {
                synchronized (Quarantine.this) {
                    failures.remove(bundle.getBundleId());
                }
            }
        });
    }

    @Override
    public synchronized List<QuarantinedPlugin> quarantined() {
        return List.copyOf(quarantined);
    }

    @Override
    public void close() {
        stopper.shutdown();
    }
}
