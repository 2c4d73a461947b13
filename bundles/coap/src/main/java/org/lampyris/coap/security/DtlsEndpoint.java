package org.lampyris.coap.security;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.concurrent.TimeUnit;

import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;
import org.eclipse.californium.elements.config.CertificateAuthenticationMode;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.util.SslContextUtil;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConfig.DtlsRole;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.CertificateType;
import org.eclipse.californium.scandium.dtls.x509.SingleCertificateProvider;
import org.eclipse.californium.scandium.dtls.x509.StaticNewAdvancedCertificateVerifier;

/**
 * The post's CoAPS endpoint: DTLS 1.2 with the configured pre-shared keys and, when the post has credentials and
 * trusted authorities, X.509 certificates. Its limits are sized for a controller, so that a flood of handshakes or of
 * new peers stays within them rather than in memory.
 */
public final class DtlsEndpoint {

    private DtlsEndpoint() {
    }

    /** Registers the DTLS settings, before the configuration that carries them is built. */
    public static void register() {
        DtlsConfig.register();
    }

    /**
     * @param settings the endpoint's configuration, with {@link #register()} called before it was made
     * @param bind the local address and port
     * @param config the security configuration (its limits)
     * @param credentials the identities and files the post accepts, development ones on a development post only
     * @param confDir where relative file names in the configuration point
     * @param parser the datagram parser of the endpoint
     * @return the endpoint, not started
     * @throws IllegalArgumentException naming the file or setting that is wrong
     */
    public static CoapEndpoint create(Configuration settings, InetSocketAddress bind, SecurityConfig config,
            PostCredentials credentials, Path confDir, UdpDataParser parser) {
        settings.set(DtlsConfig.DTLS_ROLE, DtlsRole.SERVER_ONLY);
        settings.set(DtlsConfig.DTLS_MAX_CONNECTIONS, config.dtls_max_connections());
        settings.set(DtlsConfig.DTLS_STALE_CONNECTION_THRESHOLD, config.dtls_stale_connection_s(), TimeUnit.SECONDS);
        settings.set(DtlsConfig.DTLS_MAX_PENDING_HANDSHAKE_RESULT_JOBS, config.dtls_max_pending_handshakes());
        settings.set(DtlsConfig.DTLS_RECEIVER_THREAD_COUNT, 1);
        settings.set(DtlsConfig.DTLS_CONNECTOR_THREAD_COUNT, 1);
        // A certificate handshake must present a client certificate: over DTLS every client has an identity (a
        // pre-shared key or a certificate), so that with plain CoAP off nobody reads anonymously. PSK handshakes
        // carry no certificate and are not affected.
        settings.set(DtlsConfig.DTLS_CLIENT_AUTHENTICATION_MODE, CertificateAuthenticationMode.NEEDED);

        DtlsConnectorConfig.Builder builder = DtlsConnectorConfig.builder(settings).setAddress(bind)
                .setLoggingTag("coaps");
        // The identities' own store, so that keys added, rotated or revoked over /mgmt apply to the next handshake.
        builder.setAdvancedPskStore(credentials.identities().pskStore(credentials.refusedDevelopmentIdentities()));

        boolean certificates = !credentials.credentialsFile().isBlank();
        if (certificates) {
            Path credentialsFile = confDir.resolve(credentials.credentialsFile());
            try (InputStream in = Files.newInputStream(credentialsFile)) {
                SslContextUtil.Credentials server = SslContextUtil.loadPemCredentials(in);
                if (server.getPrivateKey() == null || server.getCertificateChain() == null) {
                    throw new IllegalArgumentException("credentials.file " + credentialsFile
                            + " needs a private key and a certificate chain (PEM)");
                }
                builder.setCertificateIdentityProvider(new SingleCertificateProvider(server.getPrivateKey(),
                        server.getCertificateChain(), CertificateType.X_509));
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalArgumentException("cannot read credentials.file " + credentialsFile + ": "
                        + e.getMessage(), e);
            }
            Certificate[] trusted = new Certificate[0];
            if (!credentials.trustFile().isBlank()) {
                Path trustFile = confDir.resolve(credentials.trustFile());
                try (InputStream in = Files.newInputStream(trustFile)) {
                    trusted = CertificateFactory.getInstance("X.509").generateCertificates(in)
                            .toArray(Certificate[]::new);
                } catch (IOException | GeneralSecurityException e) {
                    throw new IllegalArgumentException("cannot read trust.file " + trustFile + ": " + e.getMessage(),
                            e);
                }
                if (trusted.length == 0) {
                    throw new IllegalArgumentException("trust.file " + trustFile + " holds no certificate");
                }
            }
            builder.setAdvancedCertificateVerifier(StaticNewAdvancedCertificateVerifier.builder()
                    .setTrustedCertificates(trusted).build());
        }
        return new CoapEndpoint.Builder().setConfiguration(settings)
                .setConnector(new DTLSConnector(builder.build()))
                .setDataSerializerAndParser(new UdpDataSerializer(), parser).build();
    }
}
