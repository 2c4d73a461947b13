package org.lampyris.coap.security;

import java.security.Principal;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

import org.eclipse.californium.elements.Connector;
import org.eclipse.californium.elements.auth.PreSharedKeyIdentity;
import org.eclipse.californium.elements.util.Filter;
import org.eclipse.californium.scandium.DTLSConnector;

/**
 * Ends the open DTLS sessions of a pre-shared key identity: Scandium drops each of its connections and forgets their
 * sessions, so that the peer's next record is discarded and it cannot resume; it must handshake again, with a key the
 * post still knows. This is how a revoked or rotated key stops working at once, not when its session goes stale.
 */
public final class PskSessions {
    private final DTLSConnector connector;

    /** @param connector the connector of the post's DTLS endpoint; any other connector has no sessions to end */
    public PskSessions(Connector connector) {
        this.connector = connector instanceof DTLSConnector dtls ? dtls : null;
    }

    /** @return done once every connection of that identity is gone */
    public Future<Void> end(String identity) {
        if (connector == null) {
            return CompletableFuture.completedFuture(null);
        }
        Filter<Principal> ofIdentity = principal -> principal instanceof PreSharedKeyIdentity psk
                && psk.getIdentity().equals(identity);
        return connector.startTerminateConnectionsForPrincipal(ofIdentity, true);
    }
}
