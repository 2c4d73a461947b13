package org.lampyris.api.management;

import org.lampyris.api.Subscription;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One subtree of {@code /mgmt}: the service property {@value #NAME} names its first segment ({@code bundles} serves
 * {@code /mgmt/bundles} and everything below it), or its first two, for a resource in a group that several bundles
 * share ({@code security/trust} serves {@code /mgmt/security/trust}). Only the platform's own bundles register these.
 */
@ConsumerType
public interface ManagementResource {
    /**
     * Service property: the path segment under {@code /mgmt} this resource answers, e.g. {@code health}, or two
     * segments, e.g. {@code security/trust}.
     */
    String NAME = "lampyris.mgmt.name";

    /**
     * Answers one request. Runs on the management thread, one request at a time, so that two engineers never update
     * the same bundle at once; it may take as long as the work needs.
     *
     * @return the answer; an exception is answered 5.00 with its message
     */
    ManagementResponse handle(ManagementRequest request) throws Exception;

    /**
     * Lets clients observe the top of this subtree ({@code /mgmt/health}, say).
     *
     * @param changed called whenever a GET of the top would answer differently
     * @return the subscription, or {@code null} when the resource cannot be observed (the default)
     */
    default Subscription observe(Runnable changed) {
        return null;
    }
}
