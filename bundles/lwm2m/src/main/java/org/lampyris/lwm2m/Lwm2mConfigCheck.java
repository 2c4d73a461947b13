package org.lampyris.lwm2m;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

import org.lampyris.api.management.ConfigurationCheck;
import org.osgi.service.component.annotations.Component;

/**
 * The rules of the LwM2M configuration that its metatype cannot say: the security mode goes with the scheme of the
 * server URI, and PSK needs an identity and a hexadecimal key. {@code /mgmt/config} refuses a configuration that breaks
 * them (4.00 with the reason) instead of storing one the client cannot start with; the client checks the same.
 */
@Component(property = ConfigurationCheck.PID + "=" + Lwm2mConfig.PID)
public final class Lwm2mConfigCheck implements ConfigurationCheck {

    @Override
    public String problem(Map<String, Object> properties) {
        return problem(text(properties, "server.uri"), text(properties, "security.mode"),
                text(properties, "psk.identity"), text(properties, "psk.key"));
    }

    private static String text(Map<String, Object> properties, String key) {
        Object value = properties.get(key);
        return value == null ? "" : value.toString().trim();
    }

    /**
     * @param serverUri empty when the client is off
     * @param mode {@code NONE}, {@code PSK} or {@code X509}; empty means {@code NONE}
     * @return what is wrong, naming the settings; {@code null} if nothing is
     */
    static String problem(String serverUri, String mode, String pskIdentity, String pskKey) {
        String m = mode.isEmpty() ? "NONE" : mode.toUpperCase(Locale.ROOT);
        if (!m.equals("NONE") && !m.equals("PSK") && !m.equals("X509")) {
            return "security.mode is NONE, PSK or X509, not " + mode;
        }
        if (serverUri.isEmpty()) {
            return null; // off
        }
        String scheme;
        try {
            URI uri = new URI(serverUri);
            scheme = uri.getScheme();
            if (uri.getHost() == null) {
                return "server.uri " + serverUri + " names no host";
            }
        } catch (URISyntaxException e) {
            return "server.uri " + serverUri + " is not a URI: " + e.getReason();
        }
        if (!"coap".equals(scheme) && !"coaps".equals(scheme)) {
            return "server.uri " + serverUri + " is neither coap:// nor coaps://";
        }
        if ("coaps".equals(scheme) == m.equals("NONE")) {
            return "security.mode " + m + " does not go with " + serverUri
                    + ": NONE takes coap://, PSK and X509 take coaps://";
        }
        if (m.equals("PSK")) {
            if (pskIdentity.isEmpty() || pskKey.isEmpty()) {
                return "security.mode PSK needs psk.identity and psk.key";
            }
            try {
                HexFormat.of().parseHex(pskKey);
            } catch (IllegalArgumentException e) {
                return "psk.key is not hexadecimal: " + e.getMessage();
            }
        }
        return null;
    }
}
