package org.lampyris.tests.e2e;

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
 * Californium's client, as an integrator would use it, with a configuration built in code so that no
 * {@code Californium3.properties} is written into the working directory. A {@code coaps://} URI goes over DTLS with
 * a pre-shared key of the distribution's development configuration, by default the engineer's; a {@code coap://} URI
 * over plain CoAP, without an identity.
 */
final class Coap implements AutoCloseable {
    /** The development identities of conf/org.lampyris.security.cfg. */
    static final String ENGINEER = "city-engineer:engineer-secret";
    static final String OPERATOR = "city-operator:operator-secret";
    static final String READER = "integrator:integrator-secret";

    private final Endpoint plain;
    private final Endpoint secure;

    Coap() {
        this(ENGINEER);
    }

    /** @param psk identity:secret to authenticate with over DTLS */
    Coap(String psk) {
        CoapConfig.register();
        UdpConfig.register();
        DtlsConfig.register();
        Configuration config = new Configuration();
        config.set(CoapConfig.MAX_RETRANSMIT, 2);
        config.set(DtlsConfig.DTLS_ROLE, DtlsRole.CLIENT_ONLY);
        plain = new CoapEndpoint.Builder().setConfiguration(config).build();
        int colon = psk.indexOf(':');
        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(config)
                .setAdvancedPskStore(new AdvancedSinglePskStore(psk.substring(0, colon),
                        psk.substring(colon + 1).getBytes(StandardCharsets.UTF_8)))
                .build();
        secure = new CoapEndpoint.Builder().setConfiguration(config).setConnector(new DTLSConnector(dtls)).build();
    }

    CoapClient client(String uri) {
        CoapClient client = new CoapClient(uri);
        client.setEndpoint(uri.startsWith("coaps:") ? secure : plain);
        client.setTimeout(10_000L);
        return client;
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
        plain.destroy();
        secure.destroy();
    }
}
