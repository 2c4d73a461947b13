package org.lampyris.tests.e2e;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.leshan.core.SecurityMode;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.peer.LwM2mPeer;
import org.eclipse.leshan.core.request.BootstrapRequest;
import org.eclipse.leshan.server.bootstrap.BootstrapConfig;
import org.eclipse.leshan.server.bootstrap.BootstrapSession;
import org.eclipse.leshan.server.bootstrap.BootstrapSessionAdapter;
import org.eclipse.leshan.server.bootstrap.InMemoryBootstrapConfigStore;
import org.eclipse.leshan.server.bootstrap.LeshanBootstrapServer;
import org.eclipse.leshan.server.bootstrap.LeshanBootstrapServerBuilder;
import org.eclipse.leshan.server.californium.bootstrap.endpoint.CaliforniumBootstrapServerEndpointsProvider;
import org.eclipse.leshan.server.californium.bootstrap.endpoint.coap.CoapBootstrapServerProtocolProvider;
import org.eclipse.leshan.server.californium.bootstrap.endpoint.coaps.CoapsBootstrapServerProtocolProvider;
import org.eclipse.leshan.server.security.BootstrapSecurityStoreAdapter;
import org.eclipse.leshan.server.security.InMemorySecurityStore;
import org.eclipse.leshan.server.security.SecurityInfo;

/**
 * A city's LwM2M bootstrap server: Eclipse Leshan's bootstrap server library (leshan-server-cf), on loopback, which
 * gives each post it knows a server account (objects 0 and 1), with no Lampyris code in it. It counts the bootstrap
 * sessions posts start, so a test can tell whether a post bootstrapped or registered with what it kept.
 */
final class Lwm2mBootstrapServer implements AutoCloseable {
    private final LeshanBootstrapServer server;
    private final InMemoryBootstrapConfigStore configs = new InMemoryBootstrapConfigStore();
    private final InMemorySecurityStore security = new InMemorySecurityStore();
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger finished = new AtomicInteger();

    Lwm2mBootstrapServer() {
        CaliforniumBootstrapServerEndpointsProvider.Builder endpoints = new CaliforniumBootstrapServerEndpointsProvider.Builder(
                new CoapBootstrapServerProtocolProvider(), new CoapsBootstrapServerProtocolProvider());
        InetAddress loopback = InetAddress.getLoopbackAddress();
        endpoints.addEndpoint(new InetSocketAddress(loopback, 0), Protocol.COAP);
        endpoints.addEndpoint(new InetSocketAddress(loopback, 0), Protocol.COAPS);
        LeshanBootstrapServerBuilder builder = new LeshanBootstrapServerBuilder();
        builder.setConfigStore(configs);
        builder.setSecurityStore(new BootstrapSecurityStoreAdapter(security));
        builder.setEndpointsProviders(endpoints.build());
        server = builder.build();
        server.addListener(new BootstrapSessionAdapter() {
            @Override
            public void sessionInitiated(BootstrapRequest request, LwM2mPeer client) {
                started.incrementAndGet();
            }

            @Override
            public void end(BootstrapSession session) {
                finished.incrementAndGet();
            }
        });
        server.start();
    }

    /** @return coap://127.0.0.1:port of the plain endpoint */
    String coapUri() {
        return server.getEndpoint(Protocol.COAP).getURI().toString();
    }

    /** @return coaps://127.0.0.1:port of the DTLS endpoint */
    String coapsUri() {
        return server.getEndpoint(Protocol.COAPS).getURI().toString();
    }

    /** Lets a post bootstrap only over DTLS with this pre-shared key. */
    void allowPsk(String endpoint, String identity, byte[] key) throws Exception {
        security.add(SecurityInfo.newPreSharedKeyInfo(endpoint, identity, key));
    }

    /**
     * What the bootstrap server gives a post from now on: it deletes the post's server accounts and writes one, a
     * PSK account for this LwM2M server (Security instance 1, Server instance 0, short server id 1).
     */
    void givePskAccount(String endpoint, String serverUri, String identity, byte[] key, int lifetime)
            throws Exception {
        BootstrapConfig config = new BootstrapConfig();
        config.toDelete = List.of("/0", "/1");
        BootstrapConfig.ServerConfig dm = new BootstrapConfig.ServerConfig();
        dm.shortId = 1;
        dm.lifetime = lifetime;
        config.servers.put(0, dm);
        BootstrapConfig.ServerSecurity account = new BootstrapConfig.ServerSecurity();
        account.uri = serverUri;
        account.securityMode = SecurityMode.PSK;
        account.publicKeyOrId = identity.getBytes(StandardCharsets.UTF_8);
        account.secretKey = key;
        account.serverId = 1;
        config.security.put(1, account);
        configs.add(endpoint, config);
    }

    /** @return how many bootstrap sessions posts started */
    int sessionsStarted() {
        return started.get();
    }

    /** @return how many bootstrap sessions ended with Bootstrap-Finish answered */
    int sessionsFinished() {
        return finished.get();
    }

    @Override
    public void close() {
        server.destroy();
    }
}
