package org.lampyris.ocpp;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Where the post's charge point reports to, and how often. */
@ObjectClassDefinition(id = OcppConfig.PID, name = "Lampyris OCPP 1.6J charge point",
        description = "Makes the post's charge point an OCPP 1.6J charge point towards a charge-point operator's "
                + "central system (CSMS).")
public @interface OcppConfig {

    /** The configuration PID. */
    String PID = "org.lampyris.ocpp";

    @AttributeDefinition(name = "CSMS URL",
            description = "The central system, wss://host:port/path/CHARGEPOINT-ID; the last path segment is the "
                    + "charge point's identity. ws:// (security profile 1) only on a development post. Empty: off.")
    String csms_url() default "";

    @AttributeDefinition(name = "Basic-auth password",
            description = "The charge point's password for HTTP Basic authentication (user: the charge point "
                    + "identity). Empty: no Authorization header.", type = AttributeType.PASSWORD)
    String basic_auth_password() default "";

    @AttributeDefinition(name = "CSMS certificate",
            description = "PEM file of the certificates the post trusts for a wss:// CSMS: its own or the "
                    + "authority that issued it; relative to the conf directory. Empty: the JVM's trust store.")
    String csms_certificate() default "";

    @AttributeDefinition(name = "Client credentials",
            description = "PEM file with the post's private key (PRIVATE KEY, PKCS#8) and certificate, shown to a "
                    + "CSMS that asks for one (security profile 3); relative to the conf directory. Empty: none.")
    String client_credentials() default "";

    @AttributeDefinition(name = "Charge point vendor", description = "chargePointVendor of the BootNotification.")
    String charge_point_vendor() default "Lampyris";

    @AttributeDefinition(name = "Charge point model", description = "chargePointModel of the BootNotification.")
    String charge_point_model() default "Lamp post";

    @AttributeDefinition(name = "Heartbeat interval (s)",
            description = "Until the CSMS gives its own in the BootNotification answer; also the wait before a "
                    + "rejected or pending BootNotification is sent again when the CSMS gives none.", min = "1")
    int heartbeat_interval_s() default 300;

    @AttributeDefinition(name = "Meter value sample interval (s)",
            description = "How often a running transaction sends MeterValues (MeterValueSampleInterval), until the "
                    + "CSMS changes it; 0: only at the start and end.", min = "0")
    int meter_value_sample_interval_s() default 60;

    @AttributeDefinition(name = "WebSocket ping interval (s)",
            description = "A WebSocket ping every so often; no pong for two intervals: the link is dropped and "
                    + "made again. 0: no pings.", min = "0")
    int websocket_ping_interval_s() default 30;

    @AttributeDefinition(name = "Call timeout (s)",
            description = "How long the charge point waits for the answer to a call before it drops the link and "
                    + "connects again (the call is sent again then).", min = "1")
    int call_timeout_s() default 30;

    @AttributeDefinition(name = "Authorize timeout (s)",
            description = "How long an identifier presented at the post waits for the CSMS's answer before the "
                    + "local list and the cache decide.", min = "1")
    int authorize_timeout_s() default 5;

    @AttributeDefinition(name = "First reconnect wait (s)",
            description = "The wait before connecting again after the link was lost; doubled after each failure.",
            min = "1")
    int reconnect_min_s() default 1;

    @AttributeDefinition(name = "Longest reconnect wait (s)", description = "The bound of the doubling wait.",
            min = "1")
    int reconnect_max_s() default 60;

    @AttributeDefinition(name = "Outbox size (messages)",
            description = "Transaction messages kept for the CSMS while it is out of reach; when full, the oldest "
                    + "periodic meter values are dropped first, and counted.", min = "10")
    int outbox_limit() default 1000;

    @AttributeDefinition(name = "Attempts per transaction message",
            description = "TransactionMessageAttempts: a transaction message the CSMS answers with an error this "
                    + "many times is dropped, and counted.", min = "1")
    int transaction_message_attempts() default 3;

    @AttributeDefinition(name = "Free-charging idTag",
            description = "The idTag of transactions started without an identifier (free charging), 1-20 "
                    + "characters.")
    String free_charging_id_tag() default "FREE";
}
