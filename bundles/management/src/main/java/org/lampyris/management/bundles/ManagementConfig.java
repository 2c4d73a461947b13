package org.lampyris.management.bundles;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** How the controller accepts, applies and watches remote bundle updates. */
@ObjectClassDefinition(id = ManagementConfig.PID, name = "Lampyris remote bundle management",
        description = "Trust, protected bundles and the health window of bundle transactions under /mgmt/bundles.")
public @interface ManagementConfig {

    /** The configuration PID. */
    String PID = "org.lampyris.management";

    @AttributeDefinition(name = "Code-signing trust store",
            description = "PEM file of the city's certificates a bundle's signer must chain to; relative to the conf "
                    + "directory (lampyris.conf.dir) unless absolute. Empty: the post trusts the file "
                    + "security/code-signing-ca.pem of its data directory, where the city provisions it.")
    String trust_file() default "";

    @AttributeDefinition(name = "Development code-signing trust store",
            description = "PEM file of the public development code-signing authority, which only a development "
                    + "post (bin/lampyris --dev) trusts, and only while trust.file is empty.")
    String development_trust_file() default "";

    @AttributeDefinition(name = "Protected bundles",
            description = "Symbolic names (a trailing * matches any ending) of bundles whose loss would brick the "
                    + "post: they cannot be uninstalled or stopped remotely. The system bundle always is.")
    String[] protected_bundles() default { "org.lampyris.coap", "org.lampyris.management", "org.lampyris.conf",
            "org.lampyris.failsafe", "org.lampyris.lwm2m", "org.lampyris.api", "org.lampyris.hal*",
            "org.apache.felix.*", "org.osgi.*", "osgi.*", "org.eclipse.californium.*", "slf4j.*", "jul.to.slf4j",
            "org.bouncycastle*", "bcprov*", "com.fasterxml.jackson.*" };

    @AttributeDefinition(name = "Health timeout (ms)",
            description = "How long an applied bundle may take to become healthy (active, components active, "
                    + "points answering) before it is reverted.", min = "0")
    long health_timeout_ms() default 10_000;

    @AttributeDefinition(name = "Health window (ms)",
            description = "How long an applied bundle must then stay healthy before its transaction commits.",
            min = "0")
    long health_window_ms() default 3_000;

    @AttributeDefinition(name = "Point read timeout (ms)",
            description = "How long one read of a point of the applied bundle may take in the health window.",
            min = "1")
    long point_read_timeout_ms() default 1_000;
}
