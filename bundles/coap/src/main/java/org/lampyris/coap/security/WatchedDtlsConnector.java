package org.lampyris.coap.security;

import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.lampyris.api.health.DtlsConnectionFigures;
import org.lampyris.api.health.DtlsConnections;

/**
 * Scandium's DTLS connector over a {@link WatchedConnectionStore}, so that health can report the store's figures.
 */
public final class WatchedDtlsConnector extends DTLSConnector implements DtlsConnections {
    private final WatchedConnectionStore store;

    private WatchedDtlsConnector(DtlsConnectorConfig config, WatchedConnectionStore store) {
        super(config, store);
        this.store = store;
    }

    static WatchedDtlsConnector of(DtlsConnectorConfig config) {
        WatchedConnectionStore store = new WatchedConnectionStore(config.get(DtlsConfig.DTLS_MAX_CONNECTIONS),
                config.get(DtlsConfig.DTLS_STALE_CONNECTION_THRESHOLD, java.util.concurrent.TimeUnit.SECONDS),
                config.getSessionStore(), config.get(DtlsConfig.DTLS_REMOVE_STALE_DOUBLE_PRINCIPALS));
        store.setTag(config.getLoggingTag());
        return new WatchedDtlsConnector(config, store);
    }

    @Override
    public DtlsConnectionFigures figures() {
        return store.figures();
    }
}
