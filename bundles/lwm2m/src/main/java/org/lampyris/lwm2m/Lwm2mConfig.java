package org.lampyris.lwm2m;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * Where the post registers as an LwM2M client, and how it proves who it is: either a server account of its own
 * ({@code server.uri} and its security), or only a bootstrap-server account ({@code bootstrap.uri} and its security),
 * from which the city's bootstrap server gives the post its server account.
 */
@ObjectClassDefinition(id = Lwm2mConfig.PID, name = "Lampyris LwM2M client",
        description = "Registers the post with an OMA LwM2M 1.1 server: Device (3), Software Management (9) and "
                + "the uCIFI objects built from the post's points.")
public @interface Lwm2mConfig {

    /** The configuration PID. */
    String PID = "org.lampyris.lwm2m";

    @AttributeDefinition(name = "Server URI",
            description = "The LwM2M server, coap://host:5683 or coaps://host:5684. Empty, and no bootstrap.uri: the "
                    + "client is off. Not with bootstrap.uri.")
    String server_uri() default "";

    @AttributeDefinition(name = "Endpoint name",
            description = "The client endpoint name the server knows the post by. Empty: the post id.")
    String endpoint_name() default "";

    @AttributeDefinition(name = "Lifetime (s)",
            description = "How long a registration lasts; the client updates it before it runs out.", min = "30",
            max = "86400")
    long lifetime_s() default 300;

    @AttributeDefinition(name = "Retry (s)",
            description = "How long to wait before registering again when the server did not answer or refused.",
            min = "1")
    int retry_s() default 30;

    @AttributeDefinition(name = "Registration window (s)",
            description = "The client first registers at a random moment within this many seconds of its start, so "
                    + "that the posts of a district powered at once reach the server spread over the window. -1: 30 s "
                    + "on a street post, none on a development post (--dev).", min = "-1", max = "3600")
    int registration_window_s() default -1;

    @AttributeDefinition(name = "Request timeout (s)",
            description = "How long the client waits for the server's answer to a registration or an update.",
            min = "1")
    int request_timeout_s() default 30;

    @AttributeDefinition(name = "Short server id", description = "The short server id of the LwM2M server.",
            min = "1", max = "65534")
    int short_server_id() default 1;

    @AttributeDefinition(name = "Security", description = "NONE (coap://, for tests), PSK or X509 (coaps://).",
            options = { @Option(value = "NONE", label = "No security"),
                    @Option(value = "PSK", label = "Pre-shared key"),
                    @Option(value = "X509", label = "X.509 certificates") })
    String security_mode() default "NONE";

    @AttributeDefinition(name = "PSK identity", description = "The pre-shared key identity (PSK security).")
    String psk_identity() default "";

    @AttributeDefinition(name = "PSK key", description = "The pre-shared key, in hexadecimal (PSK security).",
            type = AttributeType.PASSWORD)
    String psk_key() default "";

    @AttributeDefinition(name = "Client credentials",
            description = "PEM file with the post's private key (PKCS#8 PRIVATE KEY or EC PRIVATE KEY) and its "
                    + "certificate (X509 security); relative to the conf directory.")
    String x509_credentials() default "security/post.pem";

    @AttributeDefinition(name = "Server certificate",
            description = "PEM file of the LwM2M server's certificate (X509 security); relative to the conf "
                    + "directory.")
    String x509_server_certificate() default "security/lwm2m-server.pem";

    @AttributeDefinition(name = "Bootstrap server URI",
            description = "The city's LwM2M bootstrap server, coap://host:5683 or coaps://host:5684, which gives the "
                    + "post its server account (objects 0 and 1). The accounts it gives are kept in the data "
                    + "directory, so a restart registers without bootstrapping again. Not with server.uri.")
    String bootstrap_uri() default "";

    @AttributeDefinition(name = "Bootstrap security",
            description = "NONE (coap://, for tests), PSK or X509 (coaps://), towards the bootstrap server.",
            options = { @Option(value = "NONE", label = "No security"),
                    @Option(value = "PSK", label = "Pre-shared key"),
                    @Option(value = "X509", label = "X.509 certificates") })
    String bootstrap_security_mode() default "NONE";

    @AttributeDefinition(name = "Bootstrap PSK identity",
            description = "The pre-shared key identity towards the bootstrap server (PSK security).")
    String bootstrap_psk_identity() default "";

    @AttributeDefinition(name = "Bootstrap PSK key",
            description = "The pre-shared key towards the bootstrap server, in hexadecimal (PSK security).",
            type = AttributeType.PASSWORD)
    String bootstrap_psk_key() default "";

    @AttributeDefinition(name = "Bootstrap server certificate",
            description = "PEM file of the bootstrap server's certificate (X509 security, with the post's "
                    + "x509.credentials); relative to the conf directory.")
    String bootstrap_x509_server_certificate() default "security/lwm2m-bootstrap-server.pem";

    @AttributeDefinition(name = "Largest package (bytes)",
            description = "The largest software package (object 9) or other body the server may write.",
            min = "65536")
    int max_body_size() default 2 * 1024 * 1024;
}
