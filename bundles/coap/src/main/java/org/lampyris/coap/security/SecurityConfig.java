package org.lampyris.coap.security;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Who may do what on the post: DTLS identities (pre-shared keys and certificates) and their roles, the policy that maps
 * paths and methods to roles, whether plain CoAP is served at all, and the DTLS limits sized for a controller.
 */
@ObjectClassDefinition(id = SecurityConfig.PID, name = "Lampyris security",
        description = "DTLS identities, roles and the access policy of the post's CoAP endpoints.")
public @interface SecurityConfig {

    /** The configuration PID. */
    String PID = "org.lampyris.security";

    @AttributeDefinition(name = "Plain CoAP",
            description = "read-only: plain CoAP answers reads of the points and discovery, and 4.01 to anything "
                    + "else; off: no plain CoAP endpoint at all.", options = {
                            @org.osgi.service.metatype.annotations.Option(label = "read-only", value = "read-only"),
                            @org.osgi.service.metatype.annotations.Option(label = "off", value = "off") })
    String plain_coap() default "read-only";

    @AttributeDefinition(name = "DTLS port", description = "UDP port of CoAP over DTLS (coaps://); -1 for none; 0 for "
            + "a free port the system picks, named by the endpoint's listening service (tests).", min = "-1",
            max = "65535")
    int dtls_port() default 5684;

    @AttributeDefinition(name = "Pre-shared keys",
            description = "identity:role:secret, the secret as text or hex:...; roles are reader, operator, engineer.")
    String[] psk() default {};

    @AttributeDefinition(name = "Certificate roles",
            description = "common-name:role for client certificates signed by a trusted authority.")
    String[] certificate_roles() default {};

    @AttributeDefinition(name = "Trusted authorities",
            description = "PEM file of the certificate authorities client certificates must chain to, relative to "
                    + "the conf folder; empty for no certificate authentication.")
    String trust_file() default "";

    @AttributeDefinition(name = "Server credentials",
            description = "PEM file with the post's private key and certificate chain, relative to the conf folder; "
                    + "empty for pre-shared keys only.")
    String credentials_file() default "";

    @AttributeDefinition(name = "Development pre-shared keys",
            description = "identity:role:secret entries that only a development post (bin/lampyris --dev) accepts: "
                    + "they are public. A street post refuses them and logs the identity.")
    String[] development_psk() default {};

    @AttributeDefinition(name = "Development certificate roles",
            description = "common-name:role of the public development client certificates; development posts only.")
    String[] development_certificate_roles() default {};

    @AttributeDefinition(name = "Development trusted authorities",
            description = "PEM file of the development certificate authority, used by a development post when "
                    + "trust.file is empty.")
    String development_trust_file() default "";

    @AttributeDefinition(name = "Development server credentials",
            description = "PEM file of the development server key and certificate, used by a development post when "
                    + "credentials.file is empty.")
    String development_credentials_file() default "";

    @AttributeDefinition(name = "Policy",
            description = "METHOD PATH=ROLE rules, first match wins; a trailing * in the path matches any rest; a "
                    + "request no rule matches needs the engineer role.")
    String[] policy() default { "* /mgmt/*=engineer", "PUT /light/failsafe=engineer", "PUT *=operator",
            "POST *=operator", "GET *=reader" };

    @AttributeDefinition(name = "Maximum DTLS connections",
            description = "Connections kept at once, established, handshaking, or closed by their client and not "
                    + "yet stale; when all are younger than the stale threshold, a new peer's handshake is dropped "
                    + "(logged, counted in /mgmt/health). 0: sized for churn as dtls.handshakes.per.s x "
                    + "dtls.stale.connection.s, rounded up.", min = "0")
    int dtls_max_connections() default 0;

    @AttributeDefinition(name = "New DTLS peers per second",
            description = "Handshakes of new peers (clients, or a client's new port) expected per second, sustained. "
                    + "With dtls.max.connections 0 the store holds dtls.handshakes.per.s x dtls.stale.connection.s "
                    + "connections: the default 0.5/s for 600 s gives 300.", min = "0.001")
    double dtls_handshakes_per_s() default 0.5;

    @AttributeDefinition(name = "Stale DTLS connection (s)",
            description = "A connection idle this long may be evicted for a new peer.", min = "1")
    int dtls_stale_connection_s() default 600;

    @AttributeDefinition(name = "Pending handshakes",
            description = "Handshake results (key lookups, certificate checks) waiting at once; more are dropped.",
            min = "64")
    int dtls_max_pending_handshakes() default 64;
}
