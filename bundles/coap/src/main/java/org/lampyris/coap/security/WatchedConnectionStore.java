package org.lampyris.coap.security;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.californium.scandium.dtls.Connection;
import org.eclipse.californium.scandium.dtls.InMemoryReadWriteLockConnectionStore;
import org.eclipse.californium.scandium.dtls.SessionStore;
import org.lampyris.api.health.DtlsConnectionFigures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scandium's default connection store, which also says when it is full. A connection stays in the store after its
 * client has gone until it has been idle for the stale threshold; a new peer's handshake finds no room while every
 * connection is younger than that, and Scandium then drops the handshake with a debug line only. This store counts
 * those times, logs them (once a minute) with what to change, and reports its figures to health.
 */
final class WatchedConnectionStore extends InMemoryReadWriteLockConnectionStore {
    private static final Logger LOG = LoggerFactory.getLogger(WatchedConnectionStore.class);

    private final int capacity;
    private final long staleThresholdSeconds;
    private final AtomicLong timesFull = new AtomicLong();
    private final AtomicReference<Instant> lastFull = new AtomicReference<>();
    private final OncePerMinute quiet = new OncePerMinute();

    WatchedConnectionStore(int capacity, long staleThresholdSeconds, SessionStore sessionStore,
            boolean removeStaleDoublePrincipals) {
        super(capacity, staleThresholdSeconds, sessionStore, removeStaleDoublePrincipals);
        this.capacity = capacity;
        this.staleThresholdSeconds = staleThresholdSeconds;
    }

    @Override
    public boolean put(Connection connection) {
        boolean added = super.put(connection);
        if (!added && connection != null) {
            long times = timesFull.incrementAndGet();
            lastFull.set(Instant.now());
            if (quiet.now("full")) {
                LOG.warn("DTLS connection store full: {} connections, none idle for {} s yet, so the handshake of a "
                        + "new peer from {} was dropped ({} times since the endpoint started). Size it for the new "
                        + "peers expected: dtls.handshakes.per.s x dtls.stale.connection.s, or dtls.max.connections "
                        + "(README, Security)", capacity, staleThresholdSeconds,
                        connection.getPeerAddress() == null ? "?" : connection.getPeerAddress().getAddress()
                                .getHostAddress(), times);
            }
        }
        return added;
    }

    /** @return the figures now */
    DtlsConnectionFigures figures() {
        return new DtlsConnectionFigures(capacity - remainingCapacity(), capacity, staleThresholdSeconds,
                timesFull.get(), lastFull.get());
    }
}
