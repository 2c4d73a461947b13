package org.lampyris.counting;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;

/**
 * Where counting intervals begin and end: at the multiples of the interval length after local midnight, on the local
 * clock of the post's time zone, so that a quarter-hour interval runs 10:00-10:15 local time whatever the offset. An
 * interval never spans midnight; when the length does not divide a day, the last interval of the day is shorter.
 * <p>
 * On a daylight-saving change the wall clock decides: when clocks go forward, the boundaries inside the skipped hour
 * fall on the change itself (a day of 92 quarter hours); when they go back, the repeated hour has its own intervals
 * (a day of 100 quarter hours).
 */
final class IntervalGrid {
    private static final int MINUTES_PER_DAY = 24 * 60;

    private final ZoneId zone;
    private final ZoneRules rules;
    private final int minutes;

    /**
     * @param zone the post's time zone
     * @param minutes the interval length, 1 to 1440 minutes
     */
    IntervalGrid(ZoneId zone, int minutes) {
        if (minutes < 1 || minutes > MINUTES_PER_DAY) {
            throw new IllegalArgumentException("an interval lasts 1 to 1440 minutes, not " + minutes);
        }
        this.zone = zone;
        this.rules = zone.getRules();
        this.minutes = minutes;
    }

    /** @return the nominal length of an interval */
    Duration length() {
        return Duration.ofMinutes(minutes);
    }

    /** @return the interval that contains an instant, with nothing counted */
    Interval intervalAt(Instant time) {
        Instant start = startOf(time);
        return Interval.empty(start, endOf(start));
    }

    /** @return the start of the interval that contains an instant */
    Instant startOf(Instant time) {
        LocalDateTime boundary = floorBoundary(time.atZone(zone).toLocalDateTime());
        return latestAtOrBefore(boundary, time);
    }

    /**
     * @param start the start of an interval
     * @return the end of that interval, which is the start of the next one
     */
    Instant endOf(Instant start) {
        LocalDateTime local = floorBoundary(start.atZone(zone).toLocalDateTime());
        LocalDateTime nextMidnight = local.toLocalDate().plusDays(1).atStartOfDay();
        LocalDateTime next = local.plusMinutes(minutes);
        Instant end = earliestAfter(next.isAfter(nextMidnight) ? nextMidnight : next, start);
        // When clocks go back, the wall clock returns to an earlier boundary at the change: an interval ends there.
        ZoneOffsetTransition change = rules.nextTransition(start);
        if (change != null && change.getInstant().isBefore(end) && !startOf(change.getInstant()).equals(start)) {
            end = change.getInstant();
        }
        return end.isAfter(start) ? end : start.plus(length());
    }

    /** @return the local midnight that began the day of an instant */
    Instant startOfDay(Instant time) {
        return time.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
    }

    private LocalDateTime floorBoundary(LocalDateTime local) {
        int minuteOfDay = local.getHour() * 60 + local.getMinute();
        return local.toLocalDate().atStartOfDay().plusMinutes(minuteOfDay - minuteOfDay % minutes);
    }

    /** A wall-clock time skipped by clocks going forward is reached at the change; a repeated one twice. */
    private Instant latestAtOrBefore(LocalDateTime local, Instant limit) {
        List<ZoneOffset> offsets = rules.getValidOffsets(local);
        if (offsets.isEmpty()) {
            return rules.getTransition(local).getInstant();
        }
        Instant latest = null;
        for (ZoneOffset offset : offsets) {
            Instant candidate = local.toInstant(offset);
            if (!candidate.isAfter(limit) && (latest == null || candidate.isAfter(latest))) {
                latest = candidate;
            }
        }
        return latest != null ? latest : ZonedDateTime.ofLocal(local, zone, null).toInstant();
    }

    private Instant earliestAfter(LocalDateTime local, Instant limit) {
        List<ZoneOffset> offsets = rules.getValidOffsets(local);
        if (offsets.isEmpty()) {
            return rules.getTransition(local).getInstant();
        }
        Instant earliest = null;
        for (ZoneOffset offset : offsets) {
            Instant candidate = local.toInstant(offset);
            if (candidate.isAfter(limit) && (earliest == null || candidate.isBefore(earliest))) {
                earliest = candidate;
            }
        }
        return earliest != null ? earliest : local.toInstant(offsets.get(offsets.size() - 1));
    }
}
