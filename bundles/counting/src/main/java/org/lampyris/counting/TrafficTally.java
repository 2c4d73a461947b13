package org.lampyris.counting;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.lampyris.hal.counting.Direction;
import org.lampyris.hal.counting.RoadUser;

/**
 * The running counts: the current interval, the most recent completed ones, today's totals and the presence. Not
 * thread-safe; {@link TrafficCounter} guards it. It is told the time rather than reading a clock, so that a test
 * decides exactly when intervals and days end.
 */
final class TrafficTally {
    private final IntervalGrid grid;
    private final int historySize;
    private Interval current;
    // Replaced, never modified, so that a snapshot can hold it and a changed history is a different list.
    private List<Interval> completed = List.of();
    private Counts today = Counts.NONE;
    private Instant dayStart;
    private int present;

    /**
     * @param grid where intervals begin and end
     * @param historySize how many completed intervals to keep, at least 1
     * @param now when counting starts; the first interval counts from then on
     */
    TrafficTally(IntervalGrid grid, int historySize, Instant now) {
        this.grid = grid;
        this.historySize = Math.max(1, historySize);
        this.current = grid.intervalAt(now);
        this.dayStart = grid.startOfDay(now);
    }

    /**
     * Closes the intervals that have ended by a time, and starts a new day's totals after local midnight. Time never
     * goes back: an earlier time than before changes nothing.
     *
     * @return whether anything changed
     */
    boolean advanceTo(Instant now) {
        if (now.isBefore(current.end())) {
            return false;
        }
        Instant target = grid.startOf(now);
        List<Interval> closed = new ArrayList<>(completed);
        closed.add(current);
        Instant start = current.end();
        // After a long silence (a clock set forward, say) only the last intervals are shown: skip those before them.
        // No interval is longer than its length plus the hour a clock goes back.
        Duration shown = grid.length().plusHours(1).multipliedBy(historySize + 1L);
        Instant catchUp = grid.startOf(target.minus(shown));
        if (catchUp.isAfter(start)) {
            start = catchUp;
        }
        while (start.isBefore(target)) {
            Instant end = grid.endOf(start);
            closed.add(Interval.empty(start, end));
            start = end;
        }
        completed = List.copyOf(closed.subList(Math.max(0, closed.size() - historySize), closed.size()));
        current = Interval.empty(target, grid.endOf(target));
        Instant day = grid.startOfDay(target);
        if (!day.equals(dayStart)) {
            dayStart = day;
            today = Counts.NONE;
        }
        return true;
    }

    /**
     * Counts a road user in the interval it passed in, which may be one already completed when the detection comes
     * late, and in today's totals if it passed today.
     *
     * @param time when it passed, no later than the time last {@link #advanceTo advanced to}
     * @return whether it was counted anywhere; a detection older than the intervals kept and than today is not
     */
    boolean record(Instant time, RoadUser kind, Direction direction) {
        boolean counted = false;
        if (!time.isBefore(current.start())) {
            current = current.plus(kind, direction);
            counted = true;
        } else {
            for (int i = completed.size() - 1; i >= 0; i--) {
                if (completed.get(i).contains(time)) {
                    List<Interval> updated = new ArrayList<>(completed);
                    updated.set(i, completed.get(i).plus(kind, direction));
                    completed = List.copyOf(updated);
                    counted = true;
                    break;
                }
            }
        }
        if (!time.isBefore(dayStart)) {
            today = today.plus(kind, direction);
            counted = true;
        }
        return counted;
    }

    /** @return whether the number present changed */
    boolean setPresent(int count) {
        int next = Math.max(0, count);
        boolean changed = next != present;
        present = next;
        return changed;
    }

    Interval current() {
        return current;
    }

    /** @return the completed intervals kept, oldest first */
    List<Interval> completed() {
        return completed;
    }

    Counts today() {
        return today;
    }

    /** @return the local midnight today's totals count from */
    Instant dayStart() {
        return dayStart;
    }

    int present() {
        return present;
    }
}
