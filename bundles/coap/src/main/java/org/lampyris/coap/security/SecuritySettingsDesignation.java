package org.lampyris.coap.security;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Binds the metatype of the security settings to their PID, so that Configuration Admin tools (and remote
 * management) can validate them; the endpoint itself reads two PIDs, which one designation cannot name.
 */
@Component(service = SecuritySettingsDesignation.class, configurationPid = SecurityConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = SecurityConfig.class)
public class SecuritySettingsDesignation {
}
