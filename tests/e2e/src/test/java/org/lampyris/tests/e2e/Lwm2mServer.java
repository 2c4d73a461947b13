package org.lampyris.tests.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.link.Link;
import org.eclipse.leshan.core.model.ObjectLoader;
import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.observation.Observation;
import org.eclipse.leshan.core.observation.SingleObservation;
import org.eclipse.leshan.core.request.DownlinkRequest;
import org.eclipse.leshan.core.response.LwM2mResponse;
import org.eclipse.leshan.core.response.ObserveCompositeResponse;
import org.eclipse.leshan.core.response.ObserveResponse;
import org.eclipse.leshan.server.LeshanServer;
import org.eclipse.leshan.server.LeshanServerBuilder;
import org.eclipse.leshan.server.californium.endpoint.CaliforniumServerEndpointsProvider;
import org.eclipse.leshan.server.californium.endpoint.coap.CoapServerProtocolProvider;
import org.eclipse.leshan.server.californium.endpoint.coaps.CoapsServerProtocolProvider;
import org.eclipse.leshan.server.model.VersionedModelProvider;
import org.eclipse.leshan.server.observation.ObservationListener;
import org.eclipse.leshan.server.registration.Registration;
import org.eclipse.leshan.server.security.InMemorySecurityStore;
import org.eclipse.leshan.server.security.SecurityInfo;
import org.lampyris.testkit.Await;

/**
 * A city's LwM2M server: Eclipse Leshan's server library, on loopback, knowing only the object definitions that the
 * distribution's LwM2M bundle ships (and Leshan's core ones), with no Lampyris code in it.
 */
final class Lwm2mServer implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final LeshanServer server;
    private final InMemorySecurityStore security = new InMemorySecurityStore();
    /** Every notification the server received. */
    final BlockingQueue<ObserveResponse> notifications = new LinkedBlockingQueue<>();

    Lwm2mServer() throws IOException {
        this(0);
    }

    /** @param coapPort the port of the plain CoAP endpoint, 0 for any free one */
    Lwm2mServer(int coapPort) throws IOException {
        this(coapPort, builder -> {
        });
    }

    /**
     * A server with a certificate of its own, which accepts clients whose certificates a CA issued.
     *
     * @return the server, started
     */
    static Lwm2mServer withCertificate(java.security.PrivateKey key, java.security.cert.X509Certificate certificate,
            java.security.cert.X509Certificate clientCa) throws IOException {
        return new Lwm2mServer(0, builder -> {
            builder.setPrivateKey(key);
            builder.setCertificateChain(new java.security.cert.X509Certificate[] { certificate });
            builder.setTrustedCertificates(new java.security.cert.X509Certificate[] { clientCa });
        });
    }

    private Lwm2mServer(int coapPort, java.util.function.Consumer<LeshanServerBuilder> credentials)
            throws IOException {
        CaliforniumServerEndpointsProvider.Builder endpoints = new CaliforniumServerEndpointsProvider.Builder(
                new CoapServerProtocolProvider(), new CoapsServerProtocolProvider());
        InetAddress loopback = InetAddress.getLoopbackAddress();
        endpoints.addEndpoint(new InetSocketAddress(loopback, coapPort), Protocol.COAP);
        endpoints.addEndpoint(new InetSocketAddress(loopback, 0), Protocol.COAPS);
        LeshanServerBuilder builder = new LeshanServerBuilder();
        builder.setObjectModelProvider(new VersionedModelProvider(models()));
        builder.setSecurityStore(security);
        builder.setEndpointsProviders(endpoints.build());
        credentials.accept(builder);
        server = builder.build();
        server.getObservationService().addListener(new ObservationListener() {
            @Override
            public void newObservation(Observation observation, Registration registration) {
            }

            @Override
            public void cancelled(Observation observation) {
            }

            @Override
            public void onResponse(SingleObservation observation, Registration registration,
                    ObserveResponse response) {
                notifications.add(response);
            }

            @Override
            public void onResponse(org.eclipse.leshan.core.observation.CompositeObservation observation,
                    Registration registration, ObserveCompositeResponse response) {
            }

            @Override
            public void onError(Observation observation, Registration registration, Exception error) {
            }
        });
        server.start();
    }

    /** @return Leshan's core objects and the definitions inside the distribution's LwM2M bundle */
    private static List<ObjectModel> models() throws IOException {
        List<ObjectModel> models = new ArrayList<>(ObjectLoader.loadDefault());
        Path jar;
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(LampPost.DIST.resolve("bundles"),
                "org.lampyris.lwm2m-*.jar")) {
            jar = jars.iterator().next();
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (e.getName().startsWith("org/lampyris/lwm2m/models/") && e.getName().endsWith(".xml")) {
                    try (InputStream in = zip.getInputStream(e)) {
                        models.addAll(ObjectLoader.loadDdfFile(in, e.getName(), false));
                    } catch (Exception ex) {
                        throw new IOException("cannot read " + e.getName() + " in " + jar + ": " + ex, ex);
                    }
                }
            }
        }
        return models;
    }

    /** @return coap://127.0.0.1:port of the plain endpoint */
    String coapUri() {
        return server.getEndpoint(Protocol.COAP).getURI().toString();
    }

    /** @return coaps://127.0.0.1:port of the DTLS endpoint */
    String coapsUri() {
        return server.getEndpoint(Protocol.COAPS).getURI().toString();
    }

    /** Lets a client in with a certificate whose common name is its endpoint name. */
    void allowCertificate(String endpoint) throws Exception {
        security.add(SecurityInfo.newX509CertInfo(endpoint));
    }

    /** Lets a client in with a pre-shared key. */
    void allowPsk(String endpoint, String identity, byte[] key) throws Exception {
        security.add(SecurityInfo.newPreSharedKeyInfo(endpoint, identity, key));
    }

    /** @return the registration of an endpoint, once it is there and satisfies a condition */
    Registration awaitRegistration(String endpoint, Predicate<Registration> condition, Duration within)
            throws Exception {
        return Await.until(endpoint + " registers as expected", within,
                () -> Optional.ofNullable(server.getRegistrationService().getByEndpoint(endpoint)),
                r -> r.isPresent() && condition.test(r.get())).get();
    }

    Registration awaitRegistration(String endpoint) throws Exception {
        return awaitRegistration(endpoint, r -> true, Duration.ofSeconds(60));
    }

    /** @return whether a registration lists an object instance such as /3416/0 */
    static boolean lists(Registration r, String path) {
        for (Link link : r.getObjectLinks()) {
            if (link.getUriReference().equals(path)) {
                return true;
            }
        }
        return false;
    }

    /** Sends a request to the endpoint's current registration and waits for the answer. */
    <T extends LwM2mResponse> T send(String endpoint, DownlinkRequest<T> request) throws InterruptedException {
        Registration r = server.getRegistrationService().getByEndpoint(endpoint);
        if (r == null) {
            throw new AssertionError(endpoint + " is not registered");
        }
        T response = server.send(r, request, TIMEOUT.toMillis());
        if (response == null) {
            throw new AssertionError(endpoint + " did not answer " + request + " within " + TIMEOUT);
        }
        return response;
    }

    @Override
    public void close() {
        server.destroy();
    }
}
