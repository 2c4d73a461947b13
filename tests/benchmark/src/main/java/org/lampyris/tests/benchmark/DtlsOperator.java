package org.lampyris.tests.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConfig.DtlsRole;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;

/**
 * The operator who changes the level on the platform: over DTLS with the development operator's pre-shared key, as
 * the platform takes writes only from an operator. The handshake happens on the first (warm-up) change, so the
 * measured change costs one encrypted PUT, as a plain PUT does on the bare side.
 */
final class DtlsOperator implements ObserveFanOut.Changer, AutoCloseable {
    private final CoapEndpoint endpoint;
    private final int port;
    private final AtomicReference<String> failure = new AtomicReference<>();

    DtlsOperator(int port) {
        this.port = port;
        CoapConfig.register();
        UdpConfig.register();
        DtlsConfig.register();
        Configuration config = new Configuration();
        config.set(DtlsConfig.DTLS_ROLE, DtlsRole.CLIENT_ONLY);
        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(config)
                .setAdvancedPskStore(new AdvancedSinglePskStore("city-operator",
                        "operator-secret".getBytes(StandardCharsets.UTF_8)))
                .build();
        endpoint = new CoapEndpoint.Builder().setConfiguration(config).setConnector(new DTLSConnector(dtls)).build();
    }

    @Override
    public void change(String path, String value) throws IOException {
        String previous = failure.getAndSet(null);
        if (previous != null) {
            throw new IOException(previous);
        }
        CoapClient client = new CoapClient("coaps://127.0.0.1:" + port + path);
        client.setEndpoint(endpoint);
        client.put(new CoapHandler() {
            @Override
            public void onLoad(CoapResponse response) {
                if (response.getCode() != ResponseCode.CHANGED) {
                    failure.set("PUT " + value + " on " + path + " over DTLS was answered " + response.getCode()
                            + ": " + response.getResponseText());
                }
            }

            @Override
            public void onError() {
                failure.set("PUT " + value + " on " + path + " over DTLS got no answer");
            }
        }, value, MediaTypeRegistry.TEXT_PLAIN);
    }

    @Override
    public void close() {
        endpoint.destroy();
    }
}
