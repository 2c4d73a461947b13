package org.lampyris.ngsild;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.lampyris.api.counting.TrafficStatus;
import org.lampyris.ngsild.SmartDataModels.CountInterval;

/**
 * Turns the counting capability's counts of the day into counts per interval, the observations CrowdFlowObserved and
 * TrafficFlowObserved carry. Intervals end on multiples of their length (a 15-minute interval ends at :00, :15, ...);
 * the first one starts when the first counts are seen. A count that goes down started again (a new day): what it
 * shows then was counted since. Not thread-safe: the publisher uses it on its one thread.
 */
final class CountIntervals {
    /** Empty intervals told after a long pause at most: a post off for days does not flood the broker. */
    static final int MAX_CATCH_UP = 96;

    private final Duration length;
    private TrafficStatus last;
    private Instant start;
    private long pedestrians;
    private long cyclists;
    private long vehicles;

    CountIntervals(Duration length) {
        this.length = length;
    }

    /** @return the intervals that ended before this status, oldest first; its counts go to the current one */
    List<CountInterval> update(TrafficStatus s) {
        List<CountInterval> ended = tick(s.time());
        if (last == null) {
            start = s.time();
        } else {
            pedestrians += increase(last.pedestrians(), s.pedestrians());
            cyclists += increase(last.cyclists(), s.cyclists());
            vehicles += increase(last.vehicles(), s.vehicles());
        }
        last = s;
        return ended;
    }

    /** @return the intervals that ended by {@code now}, oldest first */
    List<CountInterval> tick(Instant now) {
        List<CountInterval> ended = new ArrayList<>();
        if (start == null) {
            return ended;
        }
        for (Instant end = end(start); !now.isBefore(end); end = end(start)) {
            if (ended.size() < MAX_CATCH_UP) {
                ended.add(new CountInterval(start, end, pedestrians, cyclists, vehicles));
            }
            start = end;
            pedestrians = 0;
            cyclists = 0;
            vehicles = 0;
        }
        return ended;
    }

    private Instant end(Instant from) {
        long ms = length.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(from.toEpochMilli(), ms) * ms + ms);
    }

    private static long increase(long before, long now) {
        return now >= before ? now - before : now;
    }
}
