package org.lampyris.ngsild;

import java.util.Map;

import org.lampyris.api.management.ConfigurationCheck;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The rules of the NGSI-LD configuration that its metatype cannot say: the broker URL's form (no {@code http://} on
 * a street post, no credentials in it). {@code /mgmt/config} refuses a
 * configuration that breaks them (4.00 with the reason); the publisher checks the same when it starts.
 */
@Component(property = ConfigurationCheck.PID + "=" + NgsiLdConfig.PID)
public final class NgsiLdConfigCheck implements ConfigurationCheck {
    private final boolean development;

    @Activate
    public NgsiLdConfigCheck(BundleContext context) {
        this(Boolean.parseBoolean(context.getProperty("lampyris.development")));
    }

    NgsiLdConfigCheck(boolean development) {
        this.development = development;
    }

    @Override
    public String problem(Map<String, Object> properties) {
        Object url = properties.get("broker.url");
        if (url == null || url.toString().isBlank()) {
            return null; // off
        }
        try {
            BrokerUrl.upsert(url.toString(), development);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
