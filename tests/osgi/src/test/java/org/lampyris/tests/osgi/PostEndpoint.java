package org.lampyris.tests.osgi;

import java.time.Duration;
import java.util.Arrays;

import org.lampyris.testkit.Await;
import org.lampyris.testkit.CoapTestClient;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Where the post under test listens. Its CoAP endpoint is configured with port 0 for plain CoAP and for DTLS
 * (conf/org.lampyris.coap.cfg, conf/org.lampyris.security.cfg), so that two builds on one machine never share a port;
 * the service it registers while it listens names the ports the system picked.
 */
final class PostEndpoint {
    /** The property of the endpoint's listening service: its URIs (CoapEndpoint.LISTENING_PROPERTY). */
    private static final String LISTENING = "lampyris.coap.listening";
    /** The engineer's pre-shared key of conf/org.lampyris.security.cfg: every method is allowed. */
    private static final String ENGINEER_IDENTITY = "osgi-engineer";
    private static final String ENGINEER_SECRET = "osgi-engineer-secret";

    private PostEndpoint() {
    }

    /** @return a client over DTLS as the engineer, for paths on the post; close it after the test */
    static CoapTestClient engineer(BundleContext context) throws Exception {
        return CoapTestClient.builder().psk(ENGINEER_IDENTITY, ENGINEER_SECRET).base(uri(context, "coaps"))
                .timeout(Duration.ofSeconds(5)).build();
    }

    /**
     * Waits until the endpoint listens and returns its URI for a scheme.
     *
     * @param scheme {@code coap} or {@code coaps}
     * @return e.g. {@code coaps://127.0.0.1:40123}
     */
    static String uri(BundleContext context, String scheme) throws Exception {
        String[] uris = Await.until("the CoAP endpoint listens", Await.PATIENCE, () -> listening(context),
                found -> found.length > 0);
        return Arrays.stream(uris).filter(u -> u.startsWith(scheme + "://")).findFirst()
                .orElseThrow(() -> new AssertionError("the endpoint listens on " + Arrays.toString(uris)
                        + ", not on " + scheme));
    }

    private static String[] listening(BundleContext context) throws Exception {
        ServiceReference<?>[] found = context.getServiceReferences((String) null, "(" + LISTENING + "=*)");
        if (found != null && found[0].getProperty(LISTENING) instanceof String[] uris) {
            return uris;
        }
        return new String[0];
    }
}
