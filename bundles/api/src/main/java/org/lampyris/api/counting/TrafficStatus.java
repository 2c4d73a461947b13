package org.lampyris.api.counting;

import java.time.Instant;

/**
 * Presence and counts near a post.
 *
 * @param time when, in post time
 * @param present road users present now
 * @param pedestrians pedestrians counted today
 * @param cyclists cyclists counted today
 * @param vehicles vehicles counted today
 */
public record TrafficStatus(Instant time, int present, long pedestrians, long cyclists, long vehicles) {
}
