package org.lampyris.api.management;

import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Checks a configuration as a whole before {@code /mgmt/config} stores it, for rules the metatype cannot say (a
 * setting that needs another, say). A bundle registers one as a service with the property {@value #PID} naming the
 * configuration PID it checks; a PUT that a check refuses is answered 4.00 with its reason, and nothing is stored.
 */
@ConsumerType
public interface ConfigurationCheck {
    /** Service property: the configuration PID this check is for. */
    String PID = "lampyris.config.pid";

    /**
     * @param properties the configuration as it would be stored: the properties already set, with the request's
     *            ones over them, converted to their metatype types
     * @return why it cannot be used, naming the properties; {@code null} when it can
     */
    String problem(Map<String, Object> properties);
}
