package org.lampyris.coap;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.junit.jupiter.api.Test;

class CaliforniumSettingsTest {

    /** @return the configuration DS would give the endpoint: the defaults, but for the values given */
    static CoapEndpointConfig config(Map<String, Object> values) {
        return (CoapEndpointConfig) Proxy.newProxyInstance(CoapEndpointConfig.class.getClassLoader(),
                new Class<?>[] { CoapEndpointConfig.class },
                (proxy, method, args) -> values.containsKey(method.getName()) ? values.get(method.getName())
                        : method.getDefaultValue());
    }

    @Test
    void theDefaultsAreSizedForALampPostController() {
        CoapEndpointConfig defaults = config(Map.of());
        assertThat(defaults.plugin_threads()).isEqualTo(16);
        assertThat(defaults.plugin_queue()).isEqualTo(64);
        assertThat(defaults.handler_timeout_ms()).isEqualTo(1000);
        assertThat(defaults.plugin_thread_idle_s()).isEqualTo(10);
        assertThat(defaults.observed_value_max_age_ms()).isEqualTo(1000);

        Configuration c = CaliforniumSettings.of(defaults);
        assertThat(c.get(CoapConfig.MAX_ACTIVE_PEERS)).isEqualTo(500);
        assertThat(c.get(CoapConfig.PEERS_MARK_AND_SWEEP_MESSAGES)).isEqualTo(16);
        assertThat(c.get(CoapConfig.MARK_AND_SWEEP_INTERVAL, TimeUnit.SECONDS)).isEqualTo(10);
        assertThat(c.get(CoapConfig.MAX_PEER_INACTIVITY_PERIOD, TimeUnit.MINUTES)).isEqualTo(10);
        assertThat(c.get(CoapConfig.BLOCKWISE_STATUS_LIFETIME, TimeUnit.SECONDS)).isEqualTo(60);
        assertThat(c.get(CoapConfig.MAX_MESSAGE_SIZE)).isEqualTo(1024);
        assertThat(c.get(UdpConfig.UDP_RECEIVER_THREAD_COUNT)).isEqualTo(1);
        assertThat(c.get(UdpConfig.UDP_SENDER_THREAD_COUNT)).isEqualTo(1);
    }

    @Test
    void protocolThreadsAreOnePerProcessorAtMostTwoUnlessConfigured() {
        int processors = Runtime.getRuntime().availableProcessors();
        assertThat(CaliforniumSettings.protocolThreads(0)).isEqualTo(Math.min(2, processors));
        assertThat(CaliforniumSettings.protocolThreads(3)).isEqualTo(3);
        assertThat(CaliforniumSettings.of(config(Map.of())).get(CoapConfig.PROTOCOL_STAGE_THREAD_COUNT))
                .isEqualTo(Math.min(2, processors));
    }

    @Test
    void everyLimitComesFromTheConfiguration() {
        Configuration c = CaliforniumSettings.of(config(Map.of("deduplication_messages_per_peer", 32,
                "deduplication_sweep_interval_s", 5, "peer_inactivity_s", 90, "blockwise_lifetime_s", 30,
                "udp_receiver_threads", 2, "udp_sender_threads", 3, "preferred_block_size", 1024,
                "protocol_threads", 4)));
        assertThat(c.get(CoapConfig.PEERS_MARK_AND_SWEEP_MESSAGES)).isEqualTo(32);
        assertThat(c.get(CoapConfig.MARK_AND_SWEEP_INTERVAL, TimeUnit.SECONDS)).isEqualTo(5);
        assertThat(c.get(CoapConfig.MAX_PEER_INACTIVITY_PERIOD, TimeUnit.SECONDS)).isEqualTo(90);
        assertThat(c.get(CoapConfig.BLOCKWISE_STATUS_LIFETIME, TimeUnit.SECONDS)).isEqualTo(30);
        assertThat(c.get(UdpConfig.UDP_RECEIVER_THREAD_COUNT)).isEqualTo(2);
        assertThat(c.get(UdpConfig.UDP_SENDER_THREAD_COUNT)).isEqualTo(3);
        assertThat(c.get(CoapConfig.PREFERRED_BLOCK_SIZE)).isEqualTo(1024);
        assertThat(c.get(CoapConfig.PROTOCOL_STAGE_THREAD_COUNT)).isEqualTo(4);
    }
}
