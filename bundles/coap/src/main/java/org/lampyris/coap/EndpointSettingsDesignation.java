package org.lampyris.coap;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Binds the metatype of the endpoint's settings to their PID, so that Configuration Admin tools (and remote
 * management) can validate them. {@link CoapEndpoint} reads two PIDs, which one designation cannot name; it does
 * nothing itself.
 */
@Component(service = EndpointSettingsDesignation.class, configurationPid = CoapEndpointConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = CoapEndpointConfig.class)
public class EndpointSettingsDesignation {
}
