package org.lampyris.lampctl;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarInputStream;

import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConfig.DtlsRole;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedMultiPskStore;

/**
 * An in-process stand-in for a lamp post's /mgmt/bundles/{bsn} over DTLS on a free loopback port, with the engineer's
 * development PSK: it answers GET with the version it runs, and PUT with a JAR either by taking it (after an empty ACK
 * and a delay, as a post does during its health window) or by refusing it with 4.09. It records what it received.
 */
final class FakePost implements AutoCloseable {
    static final String PSK = "city-engineer:engineer-secret";
    static final String BSN = "org.example.lamp";
    /** The order in which all fake posts received updates. */
    static final AtomicInteger SEQUENCE = new AtomicInteger();

    final List<Integer> updatesReceived = new CopyOnWriteArrayList<>();
    final List<Integer> bytesReceived = new CopyOnWriteArrayList<>();
    final List<String> queries = new CopyOnWriteArrayList<>();
    volatile String version;
    volatile boolean refuse;
    volatile long applyMillis;
    /** What GET /mgmt/health answers (JSON). */
    volatile String health = "{\"status\":\"ok\",\"development\":{\"active\":false},"
            + "\"site\":{\"latitude\":52.37,\"longitude\":4.9}}";
    private final CoapServer server;
    private final int port;

    FakePost(String version) {
        this.version = version;
        CoapConfig.register();
        UdpConfig.register();
        DtlsConfig.register();
        Configuration config = new Configuration();
        config.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, 1024 * 1024);
        config.set(DtlsConfig.DTLS_ROLE, DtlsRole.SERVER_ONLY);
        AdvancedMultiPskStore psk = new AdvancedMultiPskStore();
        psk.setKey("city-engineer", "engineer-secret".getBytes(StandardCharsets.UTF_8));
        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(config)
                .setAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).setAdvancedPskStore(psk)
                .build();
        CoapEndpoint endpoint = new CoapEndpoint.Builder().setConfiguration(config)
                .setConnector(new DTLSConnector(dtls)).build();
        server = new CoapServer(config);
        server.addEndpoint(endpoint);
        CoapResource mgmt = new CoapResource("mgmt");
        CoapResource bundles = new CoapResource("bundles") {
            @Override
            public void handleGET(CoapExchange exchange) {
                exchange.respond(ResponseCode.CONTENT, "[{\"symbolicName\":\"org.apache.felix.scr\",\"version\":"
                        + "\"2.2.6\",\"protected\":true},{\"symbolicName\":\"" + BSN + "\",\"version\":\"" + version
                        + "\",\"protected\":false}]", MediaTypeRegistry.APPLICATION_JSON);
            }
        };
        bundles.add(new BundleResource());
        mgmt.add(bundles);
        mgmt.add(new CoapResource("health") {
            @Override
            public void handleGET(CoapExchange exchange) {
                exchange.respond(ResponseCode.CONTENT, health, MediaTypeRegistry.APPLICATION_JSON);
            }
        });
        server.add(mgmt);
        CoapResource light = new CoapResource("light");
        light.add(new LevelResource());
        server.add(light);
        server.start();
        port = endpoint.getAddress().getPort();
    }

    String host() {
        return "127.0.0.1:" + port;
    }

    private final class BundleResource extends CoapResource {
        BundleResource() {
            super(BSN);
        }

        @Override
        public void handleGET(CoapExchange exchange) {
            exchange.respond(ResponseCode.CONTENT, "{\"symbolicName\":\"" + BSN + "\",\"version\":\"" + version
                    + "\",\"state\":\"ACTIVE\"}", MediaTypeRegistry.APPLICATION_JSON);
        }

        @Override
        public void handlePUT(CoapExchange exchange) {
            byte[] jar = exchange.getRequestPayload();
            updatesReceived.add(SEQUENCE.incrementAndGet());
            queries.add(exchange.getRequestOptions().getUriQueryString());
            bytesReceived.add(jar.length);
            String offered;
            try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
                offered = in.getManifest().getMainAttributes().getValue("Bundle-Version");
            } catch (IOException e) {
                exchange.respond(ResponseCode.BAD_REQUEST, "not a JAR");
                return;
            }
            if (refuse) {
                exchange.respond(ResponseCode.CONFLICT, "version " + offered + " is lower than installed "
                        + version);
                return;
            }
            exchange.accept();
            try {
                Thread.sleep(applyMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String from = version;
            version = offered;
            exchange.respond(ResponseCode.CHANGED, "{\"outcome\":\"committed\",\"from\":\"" + from + "\",\"to\":\""
                    + offered + "\"}", MediaTypeRegistry.APPLICATION_JSON);
        }
    }

    /** /light/level: observable, and writable as text, so that observers see a change. */
    private static final class LevelResource extends CoapResource {
        private volatile String level = "0";

        LevelResource() {
            super("level");
            setObservable(true);
        }

        @Override
        public void handleGET(CoapExchange exchange) {
            exchange.respond(ResponseCode.CONTENT, level, MediaTypeRegistry.TEXT_PLAIN);
        }

        @Override
        public void handlePUT(CoapExchange exchange) {
            level = exchange.getRequestText();
            exchange.respond(ResponseCode.CHANGED);
            changed();
        }
    }

    @Override
    public void close() {
        server.destroy();
    }
}
