package org.lampyris.api.point;

import java.util.Objects;

/**
 * A {@link Point} service the platform did not publish, and why: its path is malformed or already held by another
 * point, or the point could not say what it is. The platform keeps the refusal for as long as the service is
 * registered and the reason holds; a point refused because its path was held is published when the holder goes.
 *
 * @param path the path the service asked for, as given
 * @param serviceId the {@code service.id} of the refused service
 * @param bundle the symbolic name of the bundle that registered it; empty if unknown
 * @param reason why it is not published, for an engineer
 */
public record RefusedPoint(String path, long serviceId, String bundle, String reason) {

    public RefusedPoint {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(reason, "reason");
    }
}
