package org.lampyris.tests.benchmark;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.CertificateAuthenticationMode;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConfig.DtlsRole;

/**
 * The DTLS settings of the bare server's CoAPS endpoint: the same keys and values as the platform's
 * {@code org.lampyris.coap.security.DtlsEndpoint} (internal to the CoAP bundle, hence repeated here). The limits
 * arrive as arguments, read by the benchmark from the distribution's {@code conf/org.lampyris.security.cfg} and
 * {@code conf/org.lampyris.coap.cfg}; the thread counts and the client authentication mode are the platform's
 * constants.
 *
 * @param maxConnections          {@code DTLS.MAX_CONNECTIONS}, from {@code dtls.max.connections}
 * @param staleConnectionSeconds  {@code DTLS.STALE_CONNECTION_THRESHOLD}, from {@code dtls.stale.connection.s}
 * @param maxPendingHandshakes    {@code DTLS.MAX_PENDING_HANDSHAKE_RESULT_JOBS}, from
 *                                {@code dtls.max.pending.handshakes}
 * @param maxUploadSize           {@code COAP.MAX_RESOURCE_BODY_SIZE} of the DTLS endpoint, from
 *                                {@code max.upload.size}
 */
record DtlsSettings(int maxConnections, int staleConnectionSeconds, int maxPendingHandshakes, int maxUploadSize) {
    private static final int RECEIVER_THREADS = 1;
    private static final int CONNECTOR_THREADS = 1;

    /** The defaults of the platform's {@code SecurityConfig} and {@code CoapEndpointConfig}. */
    static final DtlsSettings DEFAULTS = new DtlsSettings(300, 600, 64, 2_097_152);

    /** @return the settings as {@code BareServer} arguments */
    String[] arguments() {
        return new String[] {"--dtls-max-connections", Integer.toString(maxConnections), "--dtls-stale-s",
                Integer.toString(staleConnectionSeconds), "--dtls-max-pending-handshakes",
                Integer.toString(maxPendingHandshakes), "--max-upload-size", Integer.toString(maxUploadSize)};
    }

    /** @return these settings with one argument of {@link #arguments()} applied, or null if it is not one of them */
    DtlsSettings with(String option, int value) {
        return switch (option) {
            case "--dtls-max-connections" -> new DtlsSettings(value, staleConnectionSeconds, maxPendingHandshakes,
                    maxUploadSize);
            case "--dtls-stale-s" -> new DtlsSettings(maxConnections, value, maxPendingHandshakes, maxUploadSize);
            case "--dtls-max-pending-handshakes" -> new DtlsSettings(maxConnections, staleConnectionSeconds, value,
                    maxUploadSize);
            case "--max-upload-size" -> new DtlsSettings(maxConnections, staleConnectionSeconds,
                    maxPendingHandshakes, value);
            default -> null;
        };
    }

    /** Sets these values on a copy of the CoAP endpoint's configuration, as the platform does. */
    void applyTo(Configuration c) {
        c.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, maxUploadSize);
        c.set(DtlsConfig.DTLS_ROLE, DtlsRole.SERVER_ONLY);
        c.set(DtlsConfig.DTLS_MAX_CONNECTIONS, maxConnections);
        c.set(DtlsConfig.DTLS_STALE_CONNECTION_THRESHOLD, staleConnectionSeconds, TimeUnit.SECONDS);
        c.set(DtlsConfig.DTLS_MAX_PENDING_HANDSHAKE_RESULT_JOBS, maxPendingHandshakes);
        c.set(DtlsConfig.DTLS_RECEIVER_THREAD_COUNT, RECEIVER_THREADS);
        c.set(DtlsConfig.DTLS_CONNECTOR_THREAD_COUNT, CONNECTOR_THREADS);
        c.set(DtlsConfig.DTLS_CLIENT_AUTHENTICATION_MODE, CertificateAuthenticationMode.NEEDED);
    }

    /** @return every key set, with its value; for the report */
    Map<String, String> describe() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("DTLS.ROLE", "SERVER_ONLY");
        keys.put("DTLS.MAX_CONNECTIONS", Integer.toString(maxConnections));
        keys.put("DTLS.STALE_CONNECTION_THRESHOLD", staleConnectionSeconds + " s");
        keys.put("DTLS.MAX_PENDING_HANDSHAKE_RESULT_JOBS", Integer.toString(maxPendingHandshakes));
        keys.put("DTLS.RECEIVER_THREAD_COUNT", Integer.toString(RECEIVER_THREADS));
        keys.put("DTLS.CONNECTOR_THREAD_COUNT", Integer.toString(CONNECTOR_THREADS));
        keys.put("DTLS.CLIENT_AUTHENTICATION_MODE", "NEEDED");
        keys.put("COAP.MAX_RESOURCE_BODY_SIZE (DTLS endpoint)", Integer.toString(maxUploadSize));
        return keys;
    }
}
