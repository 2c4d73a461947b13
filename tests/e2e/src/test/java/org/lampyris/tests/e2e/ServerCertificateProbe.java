package org.lampyris.tests.e2e;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import javax.security.auth.x500.X500Principal;

import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.elements.util.SslContextUtil;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConfig.DtlsRole;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.CertificateMessage;
import org.eclipse.californium.scandium.dtls.CertificateType;
import org.eclipse.californium.scandium.dtls.CertificateVerificationResult;
import org.eclipse.californium.scandium.dtls.ConnectionId;
import org.eclipse.californium.scandium.dtls.HandshakeResultHandler;
import org.eclipse.californium.scandium.dtls.x509.NewAdvancedCertificateVerifier;
import org.eclipse.californium.scandium.dtls.x509.SingleCertificateProvider;
import org.eclipse.californium.scandium.util.ServerNames;

/**
 * A DTLS client that records the certificate a post presents in a certificate handshake, as a client that pins a
 * post's certificate would see it, and then presents a client certificate of its own (which the post may refuse).
 */
final class ServerCertificateProbe {

    private ServerCertificateProbe() {
    }

    /**
     * Runs one certificate handshake with the post, whatever its outcome.
     *
     * @param clientPem the client's private key and certificate, PEM
     * @return the certificate the post presented, or null if it presented none
     */
    static X509Certificate presented(LampPost post, Path clientPem) throws Exception {
        CoapConfig.register();
        UdpConfig.register();
        DtlsConfig.register();
        Configuration config = new Configuration();
        config.set(CoapConfig.MAX_RETRANSMIT, 1);
        config.set(DtlsConfig.DTLS_ROLE, DtlsRole.CLIENT_ONLY);
        SslContextUtil.Credentials own;
        try (InputStream in = Files.newInputStream(clientPem)) {
            own = SslContextUtil.loadPemCredentials(in);
        }
        Recorder recorder = new Recorder();
        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(config)
                .setCertificateIdentityProvider(new SingleCertificateProvider(own.getPrivateKey(),
                        own.getCertificateChain(), CertificateType.X_509))
                .setAdvancedCertificateVerifier(recorder).build();
        CoapEndpoint endpoint = new CoapEndpoint.Builder().setConfiguration(config)
                .setConnector(new DTLSConnector(dtls)).build();
        CoapClient client = new CoapClient(post.uri("/light/level"));
        client.setEndpoint(endpoint);
        client.setTimeout(5_000L);
        try {
            client.get();
        } catch (Exception refused) {
            // the post may refuse the client's certificate: what counts here is the certificate it presented
        } finally {
            client.shutdown();
            endpoint.destroy();
        }
        return recorder.presented.get();
    }

    /** Accepts any server certificate, recording it. */
    private static final class Recorder implements NewAdvancedCertificateVerifier {
        final AtomicReference<X509Certificate> presented = new AtomicReference<>();

        @Override
        public List<CertificateType> getSupportedCertificateTypes() {
            return List.of(CertificateType.X_509);
        }

        @Override
        public CertificateVerificationResult verifyCertificate(ConnectionId cid, ServerNames serverName,
                InetSocketAddress remotePeer, boolean clientUsage, boolean verifySubject,
                boolean truncateCertificatePath, CertificateMessage message) {
            presented.set((X509Certificate) message.getCertificateChain().getCertificates().get(0));
            return new CertificateVerificationResult(cid, message.getCertificateChain(), null);
        }

        @Override
        public List<X500Principal> getAcceptedIssuers() {
            return List.of();
        }

        @Override
        public void setResultHandler(HandshakeResultHandler resultHandler) {
            // results are synchronous
        }
    }
}
