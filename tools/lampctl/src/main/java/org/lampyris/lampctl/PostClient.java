package org.lampyris.lampctl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.Endpoint;
import org.eclipse.californium.core.observe.NotificationListener;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.elements.util.SslContextUtil;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConfig.DtlsRole;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.CertificateType;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;
import org.eclipse.californium.scandium.dtls.x509.SingleCertificateProvider;
import org.eclipse.californium.scandium.dtls.x509.StaticNewAdvancedCertificateVerifier;

/**
 * lampctl's side of CoAP: one plain and one DTLS endpoint (made when first needed), and a request that waits
 * honestly. A post that stays silent for the timeout is unreachable; one that has acknowledged a request and works on
 * it (an empty ACK, a separate response to come, as an update does during its health window) is given the longer
 * patience instead. Californium's configuration is made in code, so nothing is written to the working directory.
 */
final class PostClient implements AutoCloseable {
    /** Block size of uploads, and the largest message sent without Block1. */
    static final int BLOCK_SIZE = 1024;
    /** The largest body lampctl accepts in an answer (a long log, a big bundle list). */
    static final int MAX_BODY = 16 * 1024 * 1024;
    private static final long POLL_MS = 50;

    private final Configuration config;
    private final Credentials credentials;
    private final Duration timeout;
    private final Duration patience;
    private final Activity plainActivity = new Activity();
    private final Activity secureActivity = new Activity();
    private final java.util.Set<HostAddress> answered = new java.util.HashSet<>();
    private Endpoint plain;
    private Endpoint secure;

    PostClient(Credentials credentials, Duration timeout, Duration patience) {
        CoapConfig.register();
        UdpConfig.register();
        DtlsConfig.register();
        config = new Configuration();
        config.set(CoapConfig.MAX_MESSAGE_SIZE, BLOCK_SIZE);
        config.set(CoapConfig.PREFERRED_BLOCK_SIZE, BLOCK_SIZE);
        config.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, MAX_BODY);
        config.set(DtlsConfig.DTLS_ROLE, DtlsRole.CLIENT_ONLY);
        Configuration.setStandard(config);
        this.credentials = credentials;
        this.timeout = timeout;
        this.patience = patience;
    }

    Duration timeout() {
        return timeout;
    }

    /**
     * Sends a request to a post and waits for its answer.
     *
     * @param host the post
     * @param request a request with its path, query, options and payload set; its URI is set here
     * @param progress told of each acknowledged block of an upload, or null
     * @return the answer, whatever its code
     * @throws CommandFailure when the post cannot be reached
     */
    Answer send(HostAddress host, Request request, UploadProgress progress) throws CommandFailure {
        String what = describe(request);
        Endpoint endpoint;
        try {
            endpoint = endpoint(host);
        } catch (IllegalArgumentException e) {
            throw CommandFailure.unreachable(host, what, e.getMessage());
        }
        try {
            request.setURI(host.uri(what.substring(what.indexOf(' ') + 1)));
        } catch (IllegalArgumentException e) {
            throw CommandFailure.unreachable(host, what, e.getMessage()); // e.g. a host name that does not resolve
        }
        Activity activity = host.secure() ? secureActivity : plainActivity;
        activity.begin(progress);
        try {
            request.send(endpoint);
            while (true) {
                Response response = request.waitForResponse(POLL_MS);
                if (response != null) {
                    answered.add(host);
                    if (progress != null) {
                        progress.finished(response.isSuccess());
                    }
                    return Answer.of(response);
                }
                Throwable error = request.getSendError();
                if (error != null) {
                    throw CommandFailure.unreachable(host, what, sendError(error));
                }
                if (request.isTimedOut()) {
                    throw CommandFailure.unreachable(host, what, "no answer (retransmissions exhausted)");
                }
                if (request.isRejected()) {
                    throw CommandFailure.unreachable(host, what, "the post rejected the message (RST)");
                }
                if (request.isCanceled()) {
                    throw CommandFailure.unreachable(host, what, "the request was cancelled");
                }
                Duration limit = activity.working() ? patience : timeout;
                if (activity.quietNanos() > limit.toNanos()) {
                    request.cancel();
                    throw CommandFailure.unreachable(host, what, silence(host, activity));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            request.cancel();
            throw CommandFailure.unreachable(host, what, "interrupted");
        } finally {
            activity.end();
        }
    }

    /**
     * Adds or removes a listener for notifications of observations of a post.
     *
     * @throws CommandFailure when no endpoint can be made for the post (its credentials cannot be read)
     */
    void listen(HostAddress host, NotificationListener listener, boolean add) throws CommandFailure {
        Endpoint endpoint;
        try {
            endpoint = endpoint(host);
        } catch (IllegalArgumentException e) {
            throw CommandFailure.unreachable(host, "observe", e.getMessage());
        }
        if (add) {
            endpoint.addNotificationListener(listener);
        } else {
            endpoint.removeNotificationListener(listener);
        }
    }

    /** @return the endpoint for a post, made on first use */
    Endpoint endpoint(HostAddress host) {
        if (!host.secure()) {
            if (plain == null) {
                plain = new CoapEndpoint.Builder().setConfiguration(config).build();
                plain.addInterceptor(plainActivity);
                start(plain);
            }
            return plain;
        }
        if (secure == null) {
            DtlsConnectorConfig.Builder dtls = DtlsConnectorConfig.builder(config).setLoggingTag("lampctl");
            if (credentials instanceof Credentials.Psk psk) {
                dtls.setAdvancedPskStore(new AdvancedSinglePskStore(psk.identity(),
                        psk.secret().getBytes(StandardCharsets.UTF_8)));
            } else if (credentials instanceof Credentials.Certificate cert) {
                configure(dtls, cert);
            } else {
                throw new IllegalArgumentException("no credentials for coaps://");
            }
            secure = new CoapEndpoint.Builder().setConfiguration(config)
                    .setConnector(new DTLSConnector(dtls.build())).build();
            secure.addInterceptor(secureActivity);
            start(secure);
        }
        return secure;
    }

    private static void start(Endpoint endpoint) {
        try {
            endpoint.start();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot open a UDP socket: " + e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException naming the file of the certificate, key or authority that cannot be read */
    private static void configure(DtlsConnectorConfig.Builder dtls, Credentials.Certificate cert) {
        SslContextUtil.Credentials own = cert.identity();
        dtls.setCertificateIdentityProvider(new SingleCertificateProvider(own.getPrivateKey(),
                own.getCertificateChain(), CertificateType.X_509));
        dtls.setAdvancedCertificateVerifier(StaticNewAdvancedCertificateVerifier.builder()
                .setTrustedCertificates(cert.authorities()).build());
    }

    /** @return {@code METHOD /path?query} of a request whose URI is not set yet */
    static String describe(Request request) {
        String path = "/" + request.getOptions().getUriPathString();
        String query = request.getOptions().getUriQueryString();
        return request.getCode() + " " + path + (query.isEmpty() ? "" : "?" + query);
    }

    private String silence(HostAddress host, Activity activity) {
        if (activity.working()) {
            return "acknowledged, but no answer within " + seconds(patience) + " (--wait)";
        }
        // DTLS discards records it cannot authenticate, so wrong credentials look like silence: say so.
        boolean neverHeard = host.secure() && !answered.contains(host) && !activity.heard();
        return "no answer within " + seconds(timeout) + " (unreachable" + (neverHeard
                ? "; no DTLS session was made: no post at this address, or it does not accept these credentials)"
                : ")");
    }

    private static String sendError(Throwable error) {
        String name = error.getClass().getSimpleName();
        String message = error.getMessage() == null ? name : error.getMessage();
        if (name.contains("Handshake") || message.toLowerCase(java.util.Locale.ROOT).contains("handshake")) {
            return "DTLS handshake failed: " + message;
        }
        return "cannot send: " + message;
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return (ms % 1000 == 0 ? Long.toString(ms / 1000) : Double.toString(ms / 1000.0)) + " s";
    }

    @Override
    public void close() {
        if (plain != null) {
            plain.destroy();
        }
        if (secure != null) {
            secure.destroy();
        }
    }
}
