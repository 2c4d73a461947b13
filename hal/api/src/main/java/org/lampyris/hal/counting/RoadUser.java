package org.lampyris.hal.counting;

/** The classes a counting sensor tells apart. */
public enum RoadUser {
    PEDESTRIAN, CYCLIST, VEHICLE
}
