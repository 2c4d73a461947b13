package org.lampyris.coap;

import org.lampyris.api.point.Point;
import org.lampyris.api.point.PointInfo;
import org.osgi.framework.Bundle;

/**
 * One registration of a {@link Point} service as the framework offered it to the endpoint. An offer is compared by
 * identity: when a service changes its path, its old offer is {@link #cancel() cancelled} and a new one is made, so a
 * publication still in progress for the old path can tell that it must not happen.
 */
final class PointOffer {
    private final long serviceId;
    private final String path;
    private final Point point;
    private final int ranking;
    private final Bundle bundle;
    private volatile boolean cancelled;
    /** What the point said it is, once asked; a point refused for a taken path is not asked again. */
    private volatile PointInfo info;

    /**
     * @param serviceId the service id, which breaks ties between equally ranked services
     * @param path the requested path (not yet validated)
     * @param point the service object
     * @param ranking the service ranking, which decides who gets a path that several points wanted
     * @param bundle the bundle that registered it, whose failures the quarantine counts; null for none
     */
    PointOffer(long serviceId, String path, Point point, int ranking, Bundle bundle) {
        this.serviceId = serviceId;
        this.path = path;
        this.point = point;
        this.ranking = ranking;
        this.bundle = bundle;
    }

    long serviceId() {
        return serviceId;
    }

    String path() {
        return path;
    }

    Point point() {
        return point;
    }

    int ranking() {
        return ranking;
    }

    /** @return the symbolic name of the bundle that registered the point, or empty */
    String bundleName() {
        return bundle == null || bundle.getSymbolicName() == null ? "" : bundle.getSymbolicName();
    }

    Bundle bundle() {
        return bundle;
    }

    /** The service went away: this offer must not be published, or stay published. */
    void cancel() {
        cancelled = true;
    }

    boolean cancelled() {
        return cancelled;
    }

    PointInfo info() {
        return info;
    }

    void info(PointInfo known) {
        this.info = known;
    }

    @Override
    public String toString() {
        return "point service " + serviceId + " at '" + path + "'";
    }
}
