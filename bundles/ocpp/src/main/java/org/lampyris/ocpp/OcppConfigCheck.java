package org.lampyris.ocpp;

import java.nio.file.Path;
import java.util.Map;

import org.lampyris.api.management.ConfigurationCheck;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The rules of the OCPP configuration that its metatype cannot say: the CSMS URL's form and its security profile
 * (no {@code ws://} on a street post), and readable TLS files. {@code /mgmt/config} refuses a configuration that
 * breaks them (4.00 with the reason) instead of storing one the charge point cannot start with; the charge point
 * checks the same when it starts.
 */
@Component(property = ConfigurationCheck.PID + "=" + OcppConfig.PID)
public final class OcppConfigCheck implements ConfigurationCheck {
    private final boolean development;
    private final Path conf;

    @Activate
    public OcppConfigCheck(BundleContext context) {
        this(Boolean.parseBoolean(context.getProperty("lampyris.development")), Path.of(
                context.getProperty("lampyris.conf.dir") == null ? "conf" : context.getProperty("lampyris.conf.dir")));
    }

    /** @param development whether the post is a development post, where ws:// is allowed */
    OcppConfigCheck(boolean development, Path conf) {
        this.development = development;
        this.conf = conf;
    }

    @Override
    public String problem(Map<String, Object> properties) {
        String url = text(properties, "csms.url");
        if (url.isEmpty()) {
            return null; // off
        }
        try {
            CsmsUrl.parse(url, development);
            CsmsTls.context(conf, text(properties, "csms.certificate"), text(properties, "client.credentials"));
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static String text(Map<String, Object> properties, String key) {
        Object value = properties.get(key);
        return value == null ? "" : value.toString().trim();
    }
}
