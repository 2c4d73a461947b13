package org.lampyris.tests.osgi;

import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.Endpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;

/** A CoAP client for the endpoint the tests configure in conf/org.lampyris.coap.cfg, with its own configuration. */
final class Coap implements AutoCloseable {
    static final String BASE = "coap://127.0.0.1:25683";
    private final Endpoint endpoint;

    Coap() {
        CoapConfig.register();
        UdpConfig.register();
        Configuration config = new Configuration();
        config.set(CoapConfig.MAX_RETRANSMIT, 2);
        endpoint = new CoapEndpoint.Builder().setConfiguration(config).build();
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

    String discover(String query) {
        CoapResponse r = get("/.well-known/core" + (query.isEmpty() ? "" : "?" + query));
        return r == null ? null : r.getResponseText();
    }

    @Override
    public void close() {
        endpoint.destroy();
    }
}
