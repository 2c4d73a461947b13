package org.lampyris.hal.counting;

/** The direction of travel relative to the sensor's configured axis. */
public enum Direction {
    /** Along the axis. */
    FORWARD,
    /** Against the axis. */
    BACKWARD,
    /** The sensor could not tell. */
    UNKNOWN
}
