package org.lampyris.api.health;

import java.time.Instant;

/**
 * The DTLS connection store at one moment.
 *
 * @param inUse the connections held now, established, handshaking or idle and not yet evicted
 * @param capacity how many it holds at most ({@code dtls.max.connections}, or as sized from the expected new peers)
 * @param staleThresholdSeconds how long a connection must be idle before a new peer's handshake may evict it
 * @param timesFull how often since the endpoint started a new peer's handshake was dropped because it was full
 * @param lastFull when that last happened, or null if it never did
 */
public record DtlsConnectionFigures(int inUse, int capacity, long staleThresholdSeconds, long timesFull,
        Instant lastFull) {
}
