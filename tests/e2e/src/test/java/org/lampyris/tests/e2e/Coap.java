package org.lampyris.tests.e2e;

import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.Endpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;

/**
 * Californium's client, as an integrator would use it, with a configuration built in code so that no
 * {@code Californium3.properties} is written into the working directory.
 */
final class Coap implements AutoCloseable {
    private final Endpoint endpoint;

    Coap() {
        CoapConfig.register();
        UdpConfig.register();
        Configuration config = new Configuration();
        config.set(CoapConfig.MAX_RETRANSMIT, 2);
        endpoint = new CoapEndpoint.Builder().setConfiguration(config).build();
    }

    CoapClient client(String uri) {
        CoapClient client = new CoapClient(uri);
        client.setEndpoint(endpoint);
        client.setTimeout(10_000L);
        return client;
    }

    @Override
    public void close() {
        endpoint.destroy();
    }
}
