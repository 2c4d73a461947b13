package org.lampyris.coap;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Settings of the post's CoAP endpoint. Californium's defaults are sized for a cloud server (150,000 peers, a
 * deduplicator that keeps every exchange for 247 s); these defaults are sized for a lamp-post controller.
 */
@ObjectClassDefinition(id = CoapEndpointConfig.PID, name = "Lampyris CoAP endpoint",
        description = "The CoAP endpoint that publishes the points of every plugin.")
public @interface CoapEndpointConfig {

    /** The configuration PID. */
    String PID = "org.lampyris.coap";

    @AttributeDefinition(name = "Port", description = "UDP port of plain CoAP; 0 for a free port the system picks, "
            + "named by the endpoint's listening service (tests).", min = "0", max = "65535")
    int port() default 5683;

    @AttributeDefinition(name = "Bind address",
            description = "Local address to listen on; 0.0.0.0 for every interface, 127.0.0.1 for this machine only.")
    String bind_address() default "0.0.0.0";

    @AttributeDefinition(name = "Post id",
            description = "Identity of this lamp post; it forms the SenML base name urn:dev:lampyris:{post-id}:")
    String post_id() default "post-1";

    @AttributeDefinition(name = "Plugin time budget (ms)",
            description = "How long a plugin may take to answer a read or a write before the client gets 5.03.",
            min = "10", max = "60000")
    int handler_timeout_ms() default 1000;

    @AttributeDefinition(name = "Plugin call threads",
            description = "Threads that call into plugins; a plugin that hangs holds one until it returns.", min = "1",
            max = "256")
    int plugin_threads() default 16;

    @AttributeDefinition(name = "Plugin call queue",
            description = "Plugin calls that may wait for a free thread; beyond this a client gets 5.03 at once.",
            min = "1")
    int plugin_queue() default 64;

    @AttributeDefinition(name = "Idle plugin call thread (s)",
            description = "How long a thread that calls into plugins is kept without work; a quiet post holds none.",
            min = "1")
    int plugin_thread_idle_s() default 10;

    @AttributeDefinition(name = "Maximum age of an observed value (ms)",
            description = "A GET of an observable point is answered from the value its plugin last reported, without "
                    + "calling the plugin, for at most this long; then the plugin is read again. 0 reads the plugin on "
                    + "every GET.", min = "0", max = "3600000")
    int observed_value_max_age_ms() default 1000;

    @AttributeDefinition(name = "Minimum interval between notifications (ms)",
            description = "Changes of one point closer together than this reach its observers as one notification "
                    + "with the latest value.", min = "0", max = "60000")
    int notify_min_interval_ms() default 100;

    @AttributeDefinition(name = "Quarantine after failures",
            description = "Failed calls in a row (exceptions, missed time budgets) after which a plugin bundle is "
                    + "stopped and reported as quarantined; 0 never quarantines.", min = "0")
    int quarantine_failures() default 5;

    @AttributeDefinition(name = "Never quarantined",
            description = "Symbolic names of the bundles that are never stopped, whatever their points do.")
    String[] quarantine_exempt() default { "org.lampyris.coap", "org.lampyris.failsafe", "org.lampyris.conf" };

    @AttributeDefinition(name = "Maximum active peers",
            description = "Clients remembered at once; the least recently active are evicted beyond this.",
            min = "1")
    int max_active_peers() default 500;

    @AttributeDefinition(name = "Maximum observations", description = "Observe relations served at once.",
            min = "1")
    int max_server_observes() default 2000;

    @AttributeDefinition(name = "Protocol threads", description = "Threads that process CoAP exchanges; 0: one per "
            + "processor, at most two (a single-core controller gains nothing from a second one).", min = "0",
            max = "64")
    int protocol_threads() default 0;

    @AttributeDefinition(name = "Maximum body size",
            description = "Largest request or response body, in bytes, transferred block-wise (RFC 7959).",
            min = "64")
    int max_resource_body_size() default 65536;

    @AttributeDefinition(name = "Maximum upload size",
            description = "Largest request body, in bytes, that the DTLS endpoint reassembles from blocks: a bundle "
                    + "JAR uploaded to /mgmt/bundles. Plain CoAP keeps the maximum body size.", min = "64")
    int max_upload_size() default 2097152;

    @AttributeDefinition(name = "Preferred block size",
            description = "Block size for block-wise transfers: 16, 32, 64, 128, 256, 512 or 1024 bytes.")
    int preferred_block_size() default 512;

    @AttributeDefinition(name = "Exchange lifetime (s)",
            description = "How long a message id is remembered for deduplication.", min = "1")
    int exchange_lifetime_s() default 247;

    @AttributeDefinition(name = "Deduplication: messages per peer",
            description = "Recent messages remembered per client to recognise a retransmission.", min = "1")
    int deduplication_messages_per_peer() default 16;

    @AttributeDefinition(name = "Deduplication: sweep interval (s)",
            description = "How often the messages older than the exchange lifetime are forgotten.", min = "1")
    int deduplication_sweep_interval_s() default 10;

    @AttributeDefinition(name = "Peer inactivity (s)",
            description = "A client silent for this long is forgotten, with its observations.", min = "1")
    int peer_inactivity_s() default 600;

    @AttributeDefinition(name = "Block-wise transfer lifetime (s)",
            description = "How long an unfinished block-wise transfer is kept.", min = "1")
    int blockwise_lifetime_s() default 60;

    @AttributeDefinition(name = "UDP receiver threads", description = "Threads that receive datagrams.", min = "1",
            max = "16")
    int udp_receiver_threads() default 1;

    @AttributeDefinition(name = "UDP sender threads", description = "Threads that send datagrams.", min = "1",
            max = "16")
    int udp_sender_threads() default 1;

    @AttributeDefinition(name = "History (minutes)",
            description = "Minutes of post time kept of each numeric point, one value a minute, at /history; 2880 "
                    + "is two days. Each point takes 4 bytes a minute of memory and of the history file.",
            min = "60", max = "20160")
    int history_minutes() default 2880;

    @AttributeDefinition(name = "History points",
            description = "Most points that keep a history; further points get none (said once in the log). With "
                    + "the default minutes, 64 points take 737 KB at most.", min = "0", max = "1024")
    int history_points() default 64;

    @AttributeDefinition(name = "History save interval (min)",
            description = "Minutes of real time between two saves of the history to the data directory; it is saved "
                    + "too when the post stops in order. A power cut loses what came since the last save. 0 saves "
                    + "only at an orderly stop.", min = "0", max = "1440")
    int history_save_minutes() default 30;
}
