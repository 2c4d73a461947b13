package org.lampyris.api.health;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The post's DTLS connection store, which the CoAP endpoint registers while it serves CoAP over DTLS. A connection
 * stays in the store after its client has gone until it has been idle for the stale threshold; when the store is
 * full of connections that are not stale yet, the handshake of a new client is dropped. Health reports these figures
 * so that an engineer sees when the store is sized too small for the clients that come and go.
 */
@ProviderType
public interface DtlsConnections {

    /** @return the figures now */
    DtlsConnectionFigures figures();
}
