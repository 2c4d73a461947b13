package org.lampyris.counting;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.lampyris.api.counting.TrafficStatus;
import org.lampyris.api.point.Reading;
import org.lampyris.hal.counting.RoadUser;

/**
 * Everything the counting plugin publishes, at one moment: what the points and the capability show. Readings of
 * counts carry the start of their interval or day as their time, never the time of a detection.
 *
 * @param time when, in post time
 * @param present road users present now
 * @param current the interval in progress
 * @param completed the most recent completed intervals, oldest first
 * @param today the counts since local midnight
 * @param dayStart that midnight
 * @param intervalsShown the completed intervals as {@code /count/intervals} shows them
 */
record CountSnapshot(Instant time, int present, Interval current, List<Interval> completed, Counts today,
        Instant dayStart, List<Map<String, Object>> intervalsShown) {

    /** @return the capability's view: presence and today's totals */
    TrafficStatus status() {
        return new TrafficStatus(time, present, today.of(RoadUser.PEDESTRIAN), today.of(RoadUser.CYCLIST),
                today.of(RoadUser.VEHICLE));
    }

    /** @return whether a capability consumer would see a difference from another snapshot */
    boolean sameStatus(CountSnapshot other) {
        return other != null && present == other.present && today.equals(other.today);
    }

    Reading presence() {
        return Reading.of(present, time);
    }

    Reading intervalCount(RoadUser kind) {
        return Reading.of(current.counts().of(kind), current.start());
    }

    Reading todayCount(RoadUser kind) {
        return Reading.of(today.of(kind), dayStart);
    }

    Reading intervals() {
        return Reading.structured(intervalsShown, current.start());
    }
}
