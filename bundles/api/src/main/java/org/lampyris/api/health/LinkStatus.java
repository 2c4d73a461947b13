package org.lampyris.api.health;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An {@link OutboundLink} at one moment.
 *
 * @param name what the link is for, short and fixed, e.g. {@code "ocpp"}
 * @param peer where it goes, without credentials, e.g. {@code "ws://csms.example:9000/ocpp/LAMPPOST-1"}
 * @param state whether it is up
 * @param since when it went into that state
 * @param lastError why the last connection was lost or could not be made, or null if that never happened
 * @param lastErrorAt when that was, or null
 * @param queued how many messages wait to be delivered, kept durably while the link is down
 * @param dropped how many messages were given up (the queue full, or refused by the peer again and again) since the
 *            queue was made
 * @param details what the protocol above the link says about its state, e.g. {@code registration=Accepted}; never a
 *            secret
 */
public record LinkStatus(String name, String peer, State state, Instant since, String lastError, Instant lastErrorAt,
        int queued, long dropped, Map<String, String> details) {

    /** Whether a link is up. */
    public enum State {
        /** Connected: what is queued is being delivered. */
        UP,
        /** Not connected, and trying again; what is to be delivered is queued. */
        DOWN
    }

    public LinkStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
        details = Map.copyOf(details);
    }

    /** @return whether the link needs attention: down while messages wait for it */
    public boolean needsAttention() {
        return state == State.DOWN && queued > 0;
    }
}
