package org.lampyris.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapObserveRelation;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.config.CertificateAuthenticationMode;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.CertificateType;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedMultiPskStore;
import org.eclipse.californium.scandium.dtls.x509.SingleCertificateProvider;
import org.eclipse.californium.scandium.dtls.x509.StaticNewAdvancedCertificateVerifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against a Californium server of the test's own, on ports the system picks. */
class CoapTestClientTest {
    @TempDir
    static Path keys;
    static TestCertificates.Issued authority;
    static CoapServer server;
    static String plainBase;
    static String secureBase;

    /** A level a client reads, writes and observes. */
    static final class Level extends CoapResource {
        private volatile String value = "10";

        Level() {
            super("level");
            setObservable(true);
        }

        @Override
        public void handleGET(CoapExchange exchange) {
            exchange.respond(ResponseCode.CONTENT, value);
        }

        @Override
        public void handlePUT(CoapExchange exchange) {
            value = exchange.getRequestText();
            exchange.respond(ResponseCode.CHANGED);
            changed();
        }
    }

    @BeforeAll
    static void start() throws Exception {
        authority = TestCertificates.authority(keys, "Test CA");
        TestCertificates.Issued post = authority.issue(keys, "post", "serverAuth,clientAuth", "ip:127.0.0.1");
        CoapConfig.register();
        UdpConfig.register();
        DtlsConfig.register();
        Configuration config = new Configuration();
        config.set(CoapConfig.MAX_RETRANSMIT, 2);
        AdvancedMultiPskStore psk = new AdvancedMultiPskStore();
        psk.setKey("engineer", "secret".getBytes(StandardCharsets.UTF_8));
        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(config)
                .set(DtlsConfig.DTLS_CLIENT_AUTHENTICATION_MODE, CertificateAuthenticationMode.WANTED)
                .setAddress(new InetSocketAddress("127.0.0.1", 0)).setAdvancedPskStore(psk)
                .setCertificateIdentityProvider(new SingleCertificateProvider(post.privateKey(),
                        new X509Certificate[] { post.certificate(), authority.certificate() }, CertificateType.X_509))
                .setAdvancedCertificateVerifier(StaticNewAdvancedCertificateVerifier.builder()
                        .setTrustedCertificates(authority.certificate()).build())
                .build();
        server = new CoapServer(config);
        server.addEndpoint(new CoapEndpoint.Builder().setConfiguration(config)
                .setInetSocketAddress(new InetSocketAddress("127.0.0.1", 0)).build());
        server.addEndpoint(new CoapEndpoint.Builder().setConfiguration(config).setConnector(new DTLSConnector(dtls))
                .build());
        server.add(new Level());
        server.start();
        plainBase = server.getEndpoints().get(0).getUri().toString();
        secureBase = server.getEndpoints().get(1).getUri().toString();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.destroy();
        }
    }

    @Test
    void theServersUrisNameThePortsTheSystemPicked() {
        assertThat(plainBase).startsWith("coap://127.0.0.1:").doesNotEndWith(":0");
        assertThat(secureBase).startsWith("coaps://127.0.0.1:").doesNotEndWith(":0");
    }

    @Test
    void aPlainClientReadsOverPlainCoap() {
        try (CoapTestClient coap = CoapTestClient.plain()) {
            assertThat(coap.get(plainBase + "/level").getCode()).isEqualTo(ResponseCode.CONTENT);
            assertThat(coap.answers(plainBase + "/nothing")).isFalse();
        }
    }

    @Test
    void aClientWithAPreSharedKeyWritesOverDtlsAndReadsItsWriteBack() {
        try (CoapTestClient coap = CoapTestClient.builder().psk("engineer:secret").base(secureBase).build()) {
            assertThat(coap.put("/level", "30").getCode()).isEqualTo(ResponseCode.CHANGED);
            assertThat(coap.get("/level").getResponseText()).isEqualTo("30");
            assertThat(coap.discover("")).contains("</level>");
        }
    }

    @Test
    void aClientWithACertificateIsAcceptedOverDtls() throws Exception {
        TestCertificates.Issued engineer = authority.issue(keys, "engineer", "clientAuth", null);
        Path certificate = Files.writeString(keys.resolve("engineer.crt"), engineer.certificatePem());
        Path key = Files.writeString(keys.resolve("engineer.key"), engineer.privateKeyPem());
        Path trusted = Files.writeString(keys.resolve("ca.pem"), authority.certificatePem());

        try (CoapTestClient coap = CoapTestClient.builder().certificate(certificate, key, trusted).base(secureBase)
                .build()) {
            assertThat(coap.get("/level").getCode()).isEqualTo(ResponseCode.CONTENT);
        }
    }

    @Test
    void anObserverHearsAWriteMadeAfterItsFirstNotification() throws Exception {
        try (CoapTestClient coap = CoapTestClient.builder().base(plainBase).build();
                CoapTestClient writer = CoapTestClient.builder().psk("engineer", "secret").base(secureBase).build()) {
            List<String> heard = new CopyOnWriteArrayList<>();
            CoapClient client = coap.client("/level");
            CoapObserveRelation relation = client.observeAndWait(CoapTestClient.collecting(r -> heard.add(r
                    .getResponseText())));
            try {
                writer.put("/level", "77");
                Await.until("the observer hears 77", () -> heard.contains("77"));
            } finally {
                relation.proactiveCancel();
                client.shutdown();
            }
        }
    }
}
