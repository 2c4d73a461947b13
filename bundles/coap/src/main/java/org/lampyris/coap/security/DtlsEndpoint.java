package org.lampyris.coap.security;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;
import org.eclipse.californium.elements.config.CertificateAuthenticationMode;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.util.SslContextUtil;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConfig.DtlsRole;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.CertificateType;
import org.eclipse.californium.scandium.dtls.x509.SingleCertificateProvider;
import org.lampyris.internal.x509.PemCredentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The post's CoAPS endpoint: DTLS 1.2 with the configured pre-shared keys and, when the post has credentials and
 * trusted authorities, X.509 certificates. Its limits are sized for a controller, so that a flood of handshakes or of
 * new peers stays within them rather than in memory.
 */
public final class DtlsEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(DtlsEndpoint.class);

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
     * @param timer the post's timer, on which the connector runs its timers and handshakes (it would otherwise make
     *            a thread of its own); it does not stop it
     * @return the endpoint, not started
     * @throws IllegalArgumentException naming the file or setting that is wrong
     */
    public static CoapEndpoint create(Configuration settings, InetSocketAddress bind, SecurityConfig config,
            PostCredentials credentials, Path confDir, UdpDataParser parser, ScheduledExecutorService timer) {
        settings.set(DtlsConfig.DTLS_ROLE, DtlsRole.SERVER_ONLY);
        int maxConnections = maxConnections(config);
        settings.set(DtlsConfig.DTLS_MAX_CONNECTIONS, maxConnections);
        LOG.info("DTLS connection store: {} connections ({}), stale after {} s", maxConnections,
                config.dtls_max_connections() > 0 ? "dtls.max.connections" : "dtls.handshakes.per.s "
                        + config.dtls_handshakes_per_s() + " x dtls.stale.connection.s "
                        + config.dtls_stale_connection_s(), config.dtls_stale_connection_s());
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

        PemCredentials server = credentials.serverKey() != null ? credentials.serverKey()
                : credentials.credentialsFile().isBlank() ? null
                        : readCredentials(confDir.resolve(credentials.credentialsFile()));
        if (server != null) {
            builder.setCertificateIdentityProvider(new SingleCertificateProvider(server.key(),
                    server.chain().toArray(Certificate[]::new), CertificateType.X_509));
            List<X509Certificate> trusted = credentials.trustFile().isBlank() ? List.of()
                    : authorities(confDir.resolve(credentials.trustFile()), "trust.file");
            List<X509Certificate> development = credentials.refusedDevelopmentTrustFile().isBlank() ? List.of()
                    : authorities(confDir.resolve(credentials.refusedDevelopmentTrustFile()),
                            "development.trust.file");
            builder.setAdvancedCertificateVerifier(new ClientCertificateCheck(trusted, development));
        }
        DTLSConnector connector = WatchedDtlsConnector.of(builder.build());
        connector.setExecutor(timer);
        return new CoapEndpoint.Builder().setConfiguration(settings).setConnector(connector)
                .setDataSerializerAndParser(new UdpDataSerializer(), parser).build();
    }
    /**
     * @return the size of the connection store: {@code dtls.max.connections} when given, otherwise the new peers
     *         expected per second times the seconds a connection stays until it is stale, rounded up, so that every
     *         peer of one stale period finds room
     */
    static int maxConnections(SecurityConfig config) {
        if (config.dtls_max_connections() > 0) {
            return config.dtls_max_connections();
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE,
                Math.ceil(config.dtls_handshakes_per_s() * config.dtls_stale_connection_s())));
    }

    /** A credentials file of the configuration (relative to conf/), read as Californium reads PEM. */
    private static PemCredentials readCredentials(Path credentialsFile) {
        try (InputStream in = Files.newInputStream(credentialsFile)) {
            SslContextUtil.Credentials server = SslContextUtil.loadPemCredentials(in);
            if (server.getPrivateKey() == null || server.getCertificateChain() == null) {
                throw new IllegalArgumentException("credentials.file " + credentialsFile
                        + " needs a private key and a certificate chain (PEM)");
            }
            return new PemCredentials(server.getPrivateKey(), List.of(server.getCertificateChain()));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read credentials.file " + credentialsFile + ": "
                    + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> authorities(Path file, String setting) {
        List<X509Certificate> authorities;
        try (InputStream in = Files.newInputStream(file)) {
            authorities = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toList();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read " + setting + " " + file + ": " + e.getMessage(), e);
        }
        if (authorities.isEmpty()) {
            throw new IllegalArgumentException(setting + " " + file + " holds no certificate");
        }
        return authorities;
    }
}
