package org.lampyris.airquality;

import org.lampyris.api.point.PointUnavailableException;

/**
 * A channel has no valid reading now: missing, stuck, out of range or failed. Thrown from a point's read, so that the
 * client gets 5.03 whose payload says why; a fault of the sensor, not of the plugin, so it never counts towards
 * quarantining the plugin.
 */
public class ReadingUnavailableException extends PointUnavailableException {
    private static final long serialVersionUID = 1L;

    ReadingUnavailableException(String message) {
        super(message);
    }
}
