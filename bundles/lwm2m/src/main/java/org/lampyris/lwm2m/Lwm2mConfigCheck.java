package org.lampyris.lwm2m;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

import org.lampyris.api.management.ConfigurationCheck;
import org.osgi.service.component.annotations.Component;

/**
 * The rules of the LwM2M configuration that its metatype cannot say: the post has a server account or a
 * bootstrap-server account, never both; each account's security mode goes with the scheme of its URI, and PSK needs an
 * identity and a hexadecimal key. {@code /mgmt/config} refuses a configuration that breaks them (4.00 with the reason)
 * instead of storing one the client cannot start with; the client checks the same.
 * <p>
 * Why never both: with a bootstrap server, the server account is the bootstrap server's to give, rotate and take back;
 * a {@code server.uri} beside it would be a second, stale truth about the same account after the first bootstrap.
 */
@Component(property = ConfigurationCheck.PID + "=" + Lwm2mConfig.PID)
public final class Lwm2mConfigCheck implements ConfigurationCheck {

    @Override
    public String problem(Map<String, Object> properties) {
        String serverUri = text(properties, "server.uri");
        String bootstrapUri = text(properties, "bootstrap.uri");
        String server = account("server.uri", serverUri, "", text(properties, "security.mode"),
                text(properties, "psk.identity"), text(properties, "psk.key"));
        if (server != null) {
            return server;
        }
        String bootstrap = account("bootstrap.uri", bootstrapUri, "bootstrap.",
                text(properties, "bootstrap.security.mode"), text(properties, "bootstrap.psk.identity"),
                text(properties, "bootstrap.psk.key"));
        if (bootstrap != null) {
            return bootstrap;
        }
        return bothAccounts(serverUri, bootstrapUri);
    }

    /** @return why a server account and a bootstrap-server account are not both configured; {@code null} if not */
    static String bothAccounts(String serverUri, String bootstrapUri) {
        if (!serverUri.isEmpty() && !bootstrapUri.isEmpty()) {
            return "server.uri and bootstrap.uri exclude each other: with a bootstrap server the post gets its server "
                    + "account from it; leave server.uri empty";
        }
        return null;
    }

    private static String text(Map<String, Object> properties, String key) {
        Object value = properties.get(key);
        return value == null ? "" : value.toString().trim();
    }

    /**
     * @param uriKey the setting of the account's URI, for the answer
     * @param uri empty when there is no such account
     * @param prefix what the account's security settings start with ({@code ""} or {@code "bootstrap."})
     * @param mode {@code NONE}, {@code PSK} or {@code X509}; empty means {@code NONE}
     * @return what is wrong with one account, naming the settings; {@code null} if nothing is
     */
    static String account(String uriKey, String uri, String prefix, String mode, String pskIdentity, String pskKey) {
        String m = mode.isEmpty() ? "NONE" : mode.toUpperCase(Locale.ROOT);
        String modeKey = prefix + "security.mode";
        if (!m.equals("NONE") && !m.equals("PSK") && !m.equals("X509")) {
            return modeKey + " is NONE, PSK or X509, not " + mode;
        }
        if (uri.isEmpty()) {
            return null; // no such account
        }
        String scheme;
        try {
            URI parsed = new URI(uri);
            scheme = parsed.getScheme();
            if (parsed.getHost() == null) {
                return uriKey + " " + uri + " names no host";
            }
        } catch (URISyntaxException e) {
            return uriKey + " " + uri + " is not a URI: " + e.getReason();
        }
        if (!"coap".equals(scheme) && !"coaps".equals(scheme)) {
            return uriKey + " " + uri + " is neither coap:// nor coaps://";
        }
        if ("coaps".equals(scheme) == m.equals("NONE")) {
            return modeKey + " " + m + " does not go with " + uri + ": NONE takes coap://, PSK and X509 take coaps://";
        }
        if (m.equals("PSK")) {
            if (pskIdentity.isEmpty() || pskKey.isEmpty()) {
                return modeKey + " PSK needs " + prefix + "psk.identity and " + prefix + "psk.key";
            }
            try {
                HexFormat.of().parseHex(pskKey);
            } catch (IllegalArgumentException e) {
                // the message of HexFormat names a character, never the key
                return prefix + "psk.key is not hexadecimal: " + e.getMessage();
            }
        }
        return null;
    }
}
