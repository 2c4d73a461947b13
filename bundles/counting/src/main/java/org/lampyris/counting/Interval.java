package org.lampyris.counting;

import java.time.Instant;

import org.lampyris.hal.counting.Direction;
import org.lampyris.hal.counting.RoadUser;

/**
 * The counts of one counting interval.
 *
 * @param start the first instant of the interval, in post time
 * @param end the first instant after it
 * @param counts the road users counted in it
 */
record Interval(Instant start, Instant end, Counts counts) {

    /** @return an interval with nothing counted yet */
    static Interval empty(Instant start, Instant end) {
        return new Interval(start, end, Counts.NONE);
    }

    /** @return whether an instant falls within this interval */
    boolean contains(Instant time) {
        return !time.isBefore(start) && time.isBefore(end);
    }

    /** @return this interval with one more road user counted */
    Interval plus(RoadUser kind, Direction direction) {
        return new Interval(start, end, counts.plus(kind, direction));
    }
}
