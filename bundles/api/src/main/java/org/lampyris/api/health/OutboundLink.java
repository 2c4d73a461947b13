package org.lampyris.api.health;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A connection the post keeps to a system beside or above it, such as the OCPP link to a charge-point operator's
 * central system, registered as a service by the bundle that keeps it up. Health lists every one with its
 * {@link LinkStatus}, so that an engineer sees at once whether the post reaches that system, why not, and how much
 * waits to be delivered.
 */
@ProviderType
public interface OutboundLink {

    /** @return the link's status now; quick, never waits for the network */
    LinkStatus status();
}
