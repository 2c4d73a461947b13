package org.lampyris.tests.osgi;

import java.nio.charset.StandardCharsets;

import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.Endpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConfig.DtlsRole;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;

/**
 * A CoAP client for the endpoints the tests configure in conf/ (org.lampyris.coap.cfg, org.lampyris.security.cfg):
 * over DTLS with the engineer's pre-shared key, so that every method is allowed, with a configuration of its own.
 */
final class Coap implements AutoCloseable {
    static final String BASE = "coaps://127.0.0.1:25684";
    static final String PLAIN = "coap://127.0.0.1:25683";
    private final Endpoint endpoint;

    Coap() {
        CoapConfig.register();
        UdpConfig.register();
        DtlsConfig.register();
        Configuration config = new Configuration();
        config.set(CoapConfig.MAX_RETRANSMIT, 2);
        config.set(DtlsConfig.DTLS_ROLE, DtlsRole.CLIENT_ONLY);
        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(config)
                .setAdvancedPskStore(new AdvancedSinglePskStore("osgi-engineer",
                        "osgi-engineer-secret".getBytes(StandardCharsets.UTF_8)))
                .build();
        endpoint = new CoapEndpoint.Builder().setConfiguration(config).setConnector(new DTLSConnector(dtls)).build();
    }

    CoapClient client(String path) {
        CoapClient client = new CoapClient(BASE + path);
        client.setEndpoint(endpoint);
        client.setTimeout(5_000L);
        return client;
    }

    CoapResponse get(String path) {
        CoapClient c = client(path);
        try {
            return c.get();
        } catch (Exception e) {
            throw new IllegalStateException("GET " + path + " failed: " + e, e);
        } finally {
            c.shutdown();
        }
    }

    CoapResponse put(String path, String payload) {
        CoapClient c = client(path);
        try {
            return c.put(payload, 0);
        } catch (Exception e) {
            throw new IllegalStateException("PUT " + path + " failed: " + e, e);
        } finally {
            c.shutdown();
        }
    }

    /** @return whether the path answers 2.05 now; false for any other answer, none, or a failure */
    boolean answers(String path) {
        try {
            CoapResponse r = get(path);
            return r != null && r.getCode() == org.eclipse.californium.core.coap.CoAP.ResponseCode.CONTENT;
        } catch (RuntimeException e) {
            return false;
        }
    }

    String discover(String query) {
        CoapResponse r = get("/.well-known/core" + (query.isEmpty() ? "" : "?" + query));
        return r == null ? null : r.getResponseText();
    }

    /** @return a handler that gives every response (notifications included) to a consumer and ignores errors */
    static CoapHandler collecting(java.util.function.Consumer<CoapResponse> into) {
        return new CoapHandler() {
            @Override
            public void onLoad(CoapResponse response) {
                into.accept(response);
            }

            @Override
            public void onError() {
            }
        };
    }

    @Override
    public void close() {
        endpoint.destroy();
    }
}
