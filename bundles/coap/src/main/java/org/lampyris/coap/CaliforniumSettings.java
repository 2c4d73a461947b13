package org.lampyris.coap;

import java.util.concurrent.TimeUnit;

import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;

/**
 * Turns {@link CoapEndpointConfig} into a Californium {@link Configuration}. The configuration is built in code and
 * passed explicitly everywhere: left to itself, Californium would read and write a {@code Californium3.properties}
 * file in the working directory.
 */
final class CaliforniumSettings {
    private static final int DEFAULT_MAX_MESSAGE_SIZE = 1024;

    private CaliforniumSettings() {
    }

    static Configuration of(CoapEndpointConfig config) {
        CoapConfig.register();
        UdpConfig.register();
        Configuration c = new Configuration();
        c.set(CoapConfig.MAX_ACTIVE_PEERS, config.max_active_peers());
        c.set(CoapConfig.MAX_SERVER_OBSERVES, config.max_server_observes());
        // The default deduplicator keeps every exchange of every peer for the exchange lifetime, which grew a bare
        // server past 900 MB under load; this one bounds the messages kept per peer.
        c.set(CoapConfig.DEDUPLICATOR, CoapConfig.DEDUPLICATOR_PEERS_MARK_AND_SWEEP);
        c.set(CoapConfig.PEERS_MARK_AND_SWEEP_MESSAGES, config.deduplication_messages_per_peer());
        c.set(CoapConfig.MARK_AND_SWEEP_INTERVAL, config.deduplication_sweep_interval_s(), TimeUnit.SECONDS);
        c.set(CoapConfig.EXCHANGE_LIFETIME, config.exchange_lifetime_s(), TimeUnit.SECONDS);
        c.set(CoapConfig.MAX_PEER_INACTIVITY_PERIOD, config.peer_inactivity_s(), TimeUnit.SECONDS);
        c.set(CoapConfig.PROTOCOL_STAGE_THREAD_COUNT, protocolThreads(config.protocol_threads()));
        c.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, config.max_resource_body_size());
        c.set(CoapConfig.PREFERRED_BLOCK_SIZE, config.preferred_block_size());
        // A datagram must hold a whole block; otherwise Californium's default message size.
        c.set(CoapConfig.MAX_MESSAGE_SIZE, Math.max(config.preferred_block_size(), DEFAULT_MAX_MESSAGE_SIZE));
        c.set(CoapConfig.BLOCKWISE_STATUS_LIFETIME, config.blockwise_lifetime_s(), TimeUnit.SECONDS);
        c.set(UdpConfig.UDP_RECEIVER_THREAD_COUNT, config.udp_receiver_threads());
        c.set(UdpConfig.UDP_SENDER_THREAD_COUNT, config.udp_sender_threads());
        return c;
    }

    /** @return the protocol threads configured, or for 0 one per processor, at most two */
    static int protocolThreads(int configured) {
        return configured > 0 ? configured : Math.min(2, Runtime.getRuntime().availableProcessors());
    }
}
