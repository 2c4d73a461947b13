package org.lampyris.tests.benchmark;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.config.DtlsConfig;

/**
 * The controller-sized Californium settings of the bare server: the same keys and values as the platform's
 * {@code org.lampyris.coap.CaliforniumSettings} (a package-private class of the CoAP bundle, hence duplicated here).
 * The three values the platform takes from {@code conf/org.lampyris.coap.cfg} arrive as arguments, read by the
 * benchmark from the distribution's file; the others are the defaults of {@code CoapEndpointConfig}.
 *
 * @param maxActivePeers    {@code COAP.MAX_ACTIVE_PEERS}
 * @param maxServerObserves {@code COAP.MAX_SERVER_OBSERVES}
 * @param protocolThreads   {@code COAP.PROTOCOL_STAGE_THREAD_COUNT}
 */
record ControllerSettings(int maxActivePeers, int maxServerObserves, int protocolThreads) {
    private static final int EXCHANGE_LIFETIME_S = 247;
    private static final int MAX_RESOURCE_BODY_SIZE = 65536;
    private static final int PREFERRED_BLOCK_SIZE = 512;

    /** The values of {@code CoapEndpointConfig} when nothing is configured. */
    static final ControllerSettings DEFAULTS = new ControllerSettings(500, 2000, 0);

    /** @return a configuration built in code, never read from or written to {@code Californium3.properties} */
    Configuration configuration() {
        CoapConfig.register();
        UdpConfig.register();
        // As the platform does: the DTLS keys are known before the configuration that its DTLS endpoint copies.
        DtlsConfig.register();
        Configuration c = new Configuration();
        c.set(CoapConfig.MAX_ACTIVE_PEERS, maxActivePeers);
        c.set(CoapConfig.MAX_SERVER_OBSERVES, maxServerObserves);
        c.set(CoapConfig.DEDUPLICATOR, CoapConfig.DEDUPLICATOR_PEERS_MARK_AND_SWEEP);
        c.set(CoapConfig.PEERS_MARK_AND_SWEEP_MESSAGES, 16);
        c.set(CoapConfig.MARK_AND_SWEEP_INTERVAL, 10, TimeUnit.SECONDS);
        c.set(CoapConfig.EXCHANGE_LIFETIME, EXCHANGE_LIFETIME_S, TimeUnit.SECONDS);
        c.set(CoapConfig.MAX_PEER_INACTIVITY_PERIOD, 10, TimeUnit.MINUTES);
        c.set(CoapConfig.PROTOCOL_STAGE_THREAD_COUNT,
                protocolThreads > 0 ? protocolThreads : Math.min(2, Runtime.getRuntime().availableProcessors()));
        c.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, MAX_RESOURCE_BODY_SIZE);
        c.set(CoapConfig.PREFERRED_BLOCK_SIZE, PREFERRED_BLOCK_SIZE);
        c.set(CoapConfig.MAX_MESSAGE_SIZE, Math.max(PREFERRED_BLOCK_SIZE, 1024));
        c.set(CoapConfig.BLOCKWISE_STATUS_LIFETIME, 60, TimeUnit.SECONDS);
        c.set(UdpConfig.UDP_RECEIVER_THREAD_COUNT, 1);
        c.set(UdpConfig.UDP_SENDER_THREAD_COUNT, 1);
        return c;
    }

    /** @return every key set, with its value, in the order set; for the report */
    Map<String, String> describe() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("COAP.MAX_ACTIVE_PEERS", Integer.toString(maxActivePeers));
        keys.put("COAP.MAX_SERVER_OBSERVES", Integer.toString(maxServerObserves));
        keys.put("COAP.DEDUPLICATOR", CoapConfig.DEDUPLICATOR_PEERS_MARK_AND_SWEEP);
        keys.put("COAP.PEERS_MARK_AND_SWEEP_MESSAGES", "16");
        keys.put("COAP.MARK_AND_SWEEP_INTERVAL", "10 s");
        keys.put("COAP.EXCHANGE_LIFETIME", EXCHANGE_LIFETIME_S + " s");
        keys.put("COAP.MAX_PEER_INACTIVITY_PERIOD", "10 min");
        keys.put("COAP.PROTOCOL_STAGE_THREAD_COUNT", Integer.toString(protocolThreads));
        keys.put("COAP.MAX_RESOURCE_BODY_SIZE", Integer.toString(MAX_RESOURCE_BODY_SIZE));
        keys.put("COAP.PREFERRED_BLOCK_SIZE", Integer.toString(PREFERRED_BLOCK_SIZE));
        keys.put("COAP.MAX_MESSAGE_SIZE", Integer.toString(Math.max(PREFERRED_BLOCK_SIZE, 1024)));
        keys.put("COAP.BLOCKWISE_STATUS_LIFETIME", "60 s");
        keys.put("UDP.RECEIVER_THREAD_COUNT", "1");
        keys.put("UDP.SENDER_THREAD_COUNT", "1");
        return keys;
    }

    /** @return the settings as {@code BareServer} arguments */
    String[] arguments() {
        return new String[] {"--max-active-peers", Integer.toString(maxActivePeers), "--max-server-observes",
                Integer.toString(maxServerObserves), "--protocol-threads", Integer.toString(protocolThreads)};
    }
}
