package org.lampyris.coap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;

import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.Endpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AnsweringResourceTest {
    private CoapServer server;
    private Endpoint client;
    private int port;

    /** A resource whose handlers fail in the ways a bug or a vanished plugin class does. */
    private static final class Failing extends AnsweringResource {
        Failing() {
            super("failing");
        }

        @Override
        public void handleGET(CoapExchange exchange) {
            throw new NoClassDefFoundError("com/vendor/Formatter");
        }

        @Override
        public void handlePUT(CoapExchange exchange) {
            throw new IllegalArgumentException("unexpected value");
        }

        @Override
        public void handlePOST(CoapExchange exchange) {
            exchange.respond(ResponseCode.CHANGED);
            throw new IllegalStateException("after the answer");
        }
    }

    @BeforeEach
    void setUp() {
        CoapConfig.register();
        UdpConfig.register();
        Configuration config = new Configuration();
        config.set(CoapConfig.MAX_RETRANSMIT, 1);
        server = new CoapServer(config);
        server.addEndpoint(new CoapEndpoint.Builder().setConfiguration(config)
                .setInetSocketAddress(new InetSocketAddress("127.0.0.1", 0)).build());
        server.add(new Failing());
        server.start();
        port = server.getEndpoints().get(0).getAddress().getPort();
        client = new CoapEndpoint.Builder().setConfiguration(config).build();
    }

    @AfterEach
    void tearDown() {
        client.destroy();
        server.destroy();
    }

    private CoapClient client() {
        CoapClient c = new CoapClient("coap://127.0.0.1:" + port + "/failing");
        c.setEndpoint(client);
        c.setTimeout(5_000L);
        return c;
    }

    @Test
    void aHandlerThatThrowsAnErrorGetsAServerErrorWithAShortReason() throws Exception {
        CoapClient c = client();
        try {
            CoapResponse r = c.get();
            assertThat(r).as("an answer, not silence").isNotNull();
            assertThat(r.getCode()).isEqualTo(ResponseCode.INTERNAL_SERVER_ERROR);
            assertThat(r.getResponseText()).isEqualTo(
                    "server error while answering /failing: NoClassDefFoundError: com/vendor/Formatter");
            CoapResponse put = c.put("1", 0);
            assertThat(put.getCode()).isEqualTo(ResponseCode.INTERNAL_SERVER_ERROR);
            assertThat(put.getResponseText()).contains("IllegalArgumentException: unexpected value");
        } finally {
            c.shutdown();
        }
    }

    @Test
    void aHandlerThatThrowsAfterAnsweringKeepsItsAnswer() throws Exception {
        CoapClient c = client();
        try {
            assertThat(c.post("x", 0).getCode()).isEqualTo(ResponseCode.CHANGED);
            assertThat(c.delete().getCode()).isEqualTo(ResponseCode.METHOD_NOT_ALLOWED);
        } finally {
            c.shutdown();
        }
    }
}
