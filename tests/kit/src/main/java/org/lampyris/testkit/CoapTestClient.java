package org.lampyris.testkit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.function.Consumer;

import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.Endpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.elements.util.SslContextUtil;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig.DtlsRole;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.CertificateType;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;
import org.eclipse.californium.scandium.dtls.x509.SingleCertificateProvider;
import org.eclipse.californium.scandium.dtls.x509.StaticNewAdvancedCertificateVerifier;

/**
 * Californium's client as an integrator uses it, for tests: a {@code coap://} URI goes over plain CoAP without an
 * identity, a {@code coaps://} URI over DTLS with the client's credentials (a pre-shared key, or a certificate and its
 * key). A path without a scheme is taken relative to the client's base URI.
 * <p>
 * Its Californium configuration is built in code, so that no {@code Californium3.properties} is written into the
 * working directory; it retransmits a request at most twice, so that a test of a post that does not answer ends soon.
 *
 * <pre>
 * try (CoapTestClient coap = CoapTestClient.builder().psk("engineer", "secret").base("coaps://127.0.0.1:5684")
 *         .build()) {
 *     assertThat(coap.put("/light/level", "30").getCode()).isEqualTo(ResponseCode.CHANGED);
 * }
 * </pre>
 */
public final class CoapTestClient implements AutoCloseable {
    /** How long a request waits for its answer unless the client is built with another timeout. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Endpoint plain;
    /** {@code null} for a client without DTLS credentials. */
    private final Endpoint secure;
    private final String base;
    private final long timeoutMillis;

    private CoapTestClient(Builder settings) {
        CoapConfig.register();
        UdpConfig.register();
        DtlsConfig.register();
        Configuration config = new Configuration();
        config.set(CoapConfig.MAX_RETRANSMIT, 2);
        // Californium keeps 8 KB of a block-wise body by default; two days of a point's /history are about 140 KB.
        config.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, 1 << 20);
        config.set(DtlsConfig.DTLS_ROLE, DtlsRole.CLIENT_ONLY);
        plain = new CoapEndpoint.Builder().setConfiguration(config).build();
        DtlsConnectorConfig.Builder dtls = DtlsConnectorConfig.builder(config);
        if (settings.pskIdentity != null) {
            dtls.setAdvancedPskStore(new AdvancedSinglePskStore(settings.pskIdentity,
                    settings.pskSecret.getBytes(StandardCharsets.UTF_8)));
            secure = new CoapEndpoint.Builder().setConfiguration(config)
                    .setConnector(new DTLSConnector(dtls.build())).build();
        } else if (settings.certificate != null) {
            certificate(dtls, settings.certificate, settings.privateKey, settings.trusted);
            secure = new CoapEndpoint.Builder().setConfiguration(config)
                    .setConnector(new DTLSConnector(dtls.build())).build();
        } else {
            secure = null;
        }
        base = settings.base;
        timeoutMillis = settings.timeout.toMillis();
    }

    private static void certificate(DtlsConnectorConfig.Builder dtls, Path certificate, Path privateKey,
            Path trusted) {
        try {
            ByteArrayOutputStream pem = new ByteArrayOutputStream();
            pem.write(Files.readAllBytes(certificate));
            pem.write('\n');
            pem.write(Files.readAllBytes(privateKey));
            SslContextUtil.Credentials own = SslContextUtil.loadPemCredentials(
                    new ByteArrayInputStream(pem.toByteArray()));
            dtls.setCertificateIdentityProvider(new SingleCertificateProvider(own.getPrivateKey(),
                    own.getCertificateChain(), CertificateType.X_509));
            Certificate[] authorities;
            try (InputStream in = Files.newInputStream(trusted)) {
                authorities = CertificateFactory.getInstance("X.509").generateCertificates(in)
                        .toArray(Certificate[]::new);
            }
            dtls.setAdvancedCertificateVerifier(StaticNewAdvancedCertificateVerifier.builder()
                    .setTrustedCertificates(authorities).build());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the client's certificate", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the client's certificate: " + e.getMessage(), e);
        }
    }

    /** @return a client for plain CoAP only, with no base URI */
    public static CoapTestClient plain() {
        return builder().build();
    }

    /** @return a client with a pre-shared key for DTLS, given as {@code identity:secret}, and no base URI */
    public static CoapTestClient withPsk(String identityAndSecret) {
        return builder().psk(identityAndSecret).build();
    }

    /** @return the settings of a new client: no DTLS credentials, no base URI, a timeout of {@link #TIMEOUT} */
    public static Builder builder() {
        return new Builder();
    }

    /** The settings of a client, before it opens its endpoints. */
    public static final class Builder {
        private String pskIdentity;
        private String pskSecret;
        private Path certificate;
        private Path privateKey;
        private Path trusted;
        private String base = "";
        private Duration timeout = TIMEOUT;

        private Builder() {
        }

        /** Authenticates over DTLS with a pre-shared key. */
        public Builder psk(String identity, String secret) {
            this.pskIdentity = identity;
            this.pskSecret = secret;
            this.certificate = null;
            return this;
        }

        /** Authenticates over DTLS with a pre-shared key given as {@code identity:secret}. */
        public Builder psk(String identityAndSecret) {
            int colon = identityAndSecret.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("not identity:secret: " + identityAndSecret);
            }
            return psk(identityAndSecret.substring(0, colon), identityAndSecret.substring(colon + 1));
        }

        /**
         * Authenticates over DTLS with a certificate, and trusts the post's certificate if one of these authorities
         * issued it.
         *
         * @param certificatePem the client's certificate (chain), PEM
         * @param privateKeyPem its private key, PEM
         * @param trustedPem the certificate authorities to trust, PEM
         */
        public Builder certificate(Path certificatePem, Path privateKeyPem, Path trustedPem) {
            this.certificate = certificatePem;
            this.privateKey = privateKeyPem;
            this.trusted = trustedPem;
            this.pskIdentity = null;
            return this;
        }

        /** Takes paths without a scheme relative to this URI, e.g. {@code coaps://127.0.0.1:5684}. */
        public Builder base(String uri) {
            this.base = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
            return this;
        }

        /** Waits this long for each answer. */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** @return a client with these settings; close it to free its sockets */
        public CoapTestClient build() {
            return new CoapTestClient(this);
        }
    }

    /**
     * A Californium client for one resource, on this client's endpoint for its scheme. Shut it down after use; the
     * endpoints stay open until {@link #close()}.
     *
     * @param uriOrPath a {@code coap://} or {@code coaps://} URI, or a path relative to the base URI
     */
    public CoapClient client(String uriOrPath) {
        String uri = uriOrPath.startsWith("coap") ? uriOrPath : base + uriOrPath;
        if (!uri.startsWith("coap")) {
            throw new IllegalArgumentException("no base URI for the path " + uriOrPath);
        }
        CoapClient client = new CoapClient(uri);
        if (uri.startsWith("coaps:")) {
            if (secure == null) {
                throw new IllegalStateException("no DTLS credentials for " + uri);
            }
            client.setEndpoint(secure);
        } else {
            client.setEndpoint(plain);
        }
        client.setTimeout(timeoutMillis);
        return client;
    }

    /**
     * GETs a resource.
     *
     * @return the answer, {@code null} if none came within the timeout
     * @throws IllegalStateException if the request could not be sent (a failed DTLS handshake, say)
     */
    public CoapResponse get(String uriOrPath) {
        CoapClient c = client(uriOrPath);
        try {
            return c.get();
        } catch (Exception e) {
            throw new IllegalStateException("GET " + uriOrPath + " failed: " + e, e);
        } finally {
            c.shutdown();
        }
    }

    /** PUTs text ({@code text/plain}) to a resource; see {@link #put(String, String, int)}. */
    public CoapResponse put(String uriOrPath, String payload) {
        return put(uriOrPath, payload, MediaTypeRegistry.TEXT_PLAIN);
    }

    /**
     * PUTs a payload of a content format to a resource.
     *
     * @return the answer, {@code null} if none came within the timeout
     * @throws IllegalStateException if the request could not be sent
     */
    public CoapResponse put(String uriOrPath, String payload, int contentFormat) {
        CoapClient c = client(uriOrPath);
        try {
            return c.put(payload, contentFormat);
        } catch (Exception e) {
            throw new IllegalStateException("PUT " + uriOrPath + " failed: " + e, e);
        } finally {
            c.shutdown();
        }
    }

    /** @return whether the resource answers 2.05 now; false for any other answer, none, or a failure */
    public boolean answers(String uriOrPath) {
        try {
            CoapResponse r = get(uriOrPath);
            return r != null && r.getCode() == ResponseCode.CONTENT;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Reads {@code /.well-known/core} under the base URI.
     *
     * @param query a filter such as {@code rt=light.level}, or empty for every link
     * @return the links in CoRE Link Format, {@code null} if no answer came
     */
    public String discover(String query) {
        CoapResponse r = get("/.well-known/core" + (query.isEmpty() ? "" : "?" + query));
        return r == null ? null : r.getResponseText();
    }

    /** @return a handler that gives every response (notifications included) to a consumer and ignores errors */
    public static CoapHandler collecting(Consumer<CoapResponse> into) {
        return new CoapHandler() {
            @Override
            public void onLoad(CoapResponse response) {
                into.accept(response);
            }

            @Override
            public void onError() {
                // a test asserts on what it received; a lost notification shows there
            }
        };
    }

    /** Closes the client's endpoints, and with them every observation made through them. */
    @Override
    public void close() {
        plain.destroy();
        if (secure != null) {
            secure.destroy();
        }
    }
}
