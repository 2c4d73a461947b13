package org.lampyris.api.health;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The platform's record of quarantined plugins. A plugin whose points keep throwing or keep missing their time budget
 * is stopped, so that it cannot hold the platform's threads or flood its clients with errors, and is listed here until
 * an engineer starts it again. When it was the lighting plugin, the fail-safe level holds the light meanwhile.
 */
@ProviderType
public interface PluginQuarantine {

    /** @return the plugins quarantined since the platform started, oldest first */
    List<QuarantinedPlugin> quarantined();
}
