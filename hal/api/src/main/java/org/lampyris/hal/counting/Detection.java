package org.lampyris.hal.counting;

import java.time.Instant;

/**
 * One road user passing the sensor.
 *
 * @param time when, in post time
 * @param kind what was detected
 * @param direction which way it went
 */
public record Detection(Instant time, RoadUser kind, Direction direction) {
}
