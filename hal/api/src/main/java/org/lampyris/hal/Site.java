package org.lampyris.hal;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Where the lamp post stands. A dimming plugin computes sunset and sunrise from it; a fleet map shows it.
 */
@ProviderType
public interface Site {

    /** @return the latitude in degrees, -90 (south) to 90 (north), WGS 84 */
    double latitude();

    /** @return the longitude in degrees, -180 (west) to 180 (east), WGS 84 */
    double longitude();
}
