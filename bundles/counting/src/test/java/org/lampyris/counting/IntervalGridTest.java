package org.lampyris.counting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class IntervalGridTest {
    static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    static Instant local(String localDateTime, ZoneId zone) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }

    static String wallClock(Instant time, ZoneId zone) {
        return ZonedDateTime.ofInstant(time, zone).toOffsetDateTime().toString();
    }

    /** @return the intervals of a local day, in order */
    static List<Interval> day(IntervalGrid grid, String date, ZoneId zone) {
        Instant start = LocalDate.parse(date).atStartOfDay(zone).toInstant();
        Instant end = LocalDate.parse(date).plusDays(1).atStartOfDay(zone).toInstant();
        List<Interval> intervals = new ArrayList<>();
        for (Instant s = start; s.isBefore(end); s = grid.endOf(s)) {
            intervals.add(grid.intervalAt(s));
        }
        return intervals;
    }

    @Test
    void aQuarterHourIntervalRunsBetweenTheQuartersOfTheLocalClock() {
        IntervalGrid grid = new IntervalGrid(AMSTERDAM, 15);
        Interval interval = grid.intervalAt(local("2026-06-10T10:07:30", AMSTERDAM));
        assertThat(wallClock(interval.start(), AMSTERDAM)).isEqualTo("2026-06-10T10:00+02:00");
        assertThat(wallClock(interval.end(), AMSTERDAM)).isEqualTo("2026-06-10T10:15+02:00");
    }

    @Test
    void anInstantOnABoundaryBelongsToTheIntervalThatStartsThere() {
        IntervalGrid grid = new IntervalGrid(AMSTERDAM, 15);
        Instant quarterPast = local("2026-06-10T10:15", AMSTERDAM);
        assertThat(grid.startOf(quarterPast)).isEqualTo(quarterPast);
        assertThat(grid.startOf(quarterPast.minusNanos(1))).isEqualTo(local("2026-06-10T10:00", AMSTERDAM));
    }

    @Test
    void intervalsFollowTheLocalClockWhereItIsNotAWholeHourFromUtc() {
        ZoneId kolkata = ZoneId.of("Asia/Kolkata"); // UTC+05:30
        IntervalGrid hourly = new IntervalGrid(kolkata, 60);
        Instant start = hourly.startOf(local("2026-06-10T10:20", kolkata));
        assertThat(wallClock(start, kolkata)).isEqualTo("2026-06-10T10:00+05:30");
        assertThat(start).isEqualTo(Instant.parse("2026-06-10T04:30:00Z"));
    }

    @Test
    void anIntervalLengthThatDoesNotDivideTheDayEndsTheLastIntervalAtMidnight() {
        IntervalGrid grid = new IntervalGrid(AMSTERDAM, 25);
        Interval last = grid.intervalAt(local("2026-06-10T23:50", AMSTERDAM));
        assertThat(wallClock(last.start(), AMSTERDAM)).isEqualTo("2026-06-10T23:45+02:00");
        assertThat(wallClock(last.end(), AMSTERDAM)).isEqualTo("2026-06-11T00:00+02:00");
        assertThat(grid.endOf(last.end())).isEqualTo(local("2026-06-11T00:25", AMSTERDAM));
    }

    @Test
    void theDayClocksGoForwardHas92QuarterHoursEachFifteenMinutesLong() {
        IntervalGrid grid = new IntervalGrid(AMSTERDAM, 15);
        List<Interval> day = day(grid, "2026-03-29", AMSTERDAM);
        assertThat(day).hasSize(92);
        assertThat(day).allSatisfy(i -> assertThat(Duration.between(i.start(), i.end())).hasMinutes(15));
        Interval beforeTheChange = grid.intervalAt(local("2026-03-29T01:50", AMSTERDAM));
        assertThat(wallClock(beforeTheChange.start(), AMSTERDAM)).isEqualTo("2026-03-29T01:45+01:00");
        assertThat(wallClock(beforeTheChange.end(), AMSTERDAM)).isEqualTo("2026-03-29T03:00+02:00");
    }

    @Test
    void theDayClocksGoBackHas100QuarterHoursWithTheRepeatedHourCountedTwice() {
        IntervalGrid grid = new IntervalGrid(AMSTERDAM, 15);
        List<Interval> day = day(grid, "2026-10-25", AMSTERDAM);
        assertThat(day).hasSize(100);
        assertThat(day).allSatisfy(i -> assertThat(Duration.between(i.start(), i.end())).hasMinutes(15));
        Interval lastInSummerTime = grid.intervalAt(Instant.parse("2026-10-25T00:50:00Z"));
        assertThat(wallClock(lastInSummerTime.start(), AMSTERDAM)).isEqualTo("2026-10-25T02:45+02:00");
        assertThat(wallClock(lastInSummerTime.end(), AMSTERDAM)).isEqualTo("2026-10-25T02:00+01:00");
        Interval repeated = grid.intervalAt(Instant.parse("2026-10-25T01:10:00Z"));
        assertThat(wallClock(repeated.start(), AMSTERDAM)).isEqualTo("2026-10-25T02:00+01:00");
        assertThat(wallClock(repeated.end(), AMSTERDAM)).isEqualTo("2026-10-25T02:15+01:00");
    }

    @Test
    void hourlyIntervalsNumber23And25OnTheDaysOfTheChanges() {
        IntervalGrid hourly = new IntervalGrid(AMSTERDAM, 60);
        assertThat(day(hourly, "2026-03-29", AMSTERDAM)).hasSize(23);
        assertThat(day(hourly, "2026-10-25", AMSTERDAM)).hasSize(25);
        assertThat(day(hourly, "2026-06-10", AMSTERDAM)).hasSize(24);
    }

    @Test
    void aBoundaryInTheSkippedHourFallsOnTheChange() {
        IntervalGrid grid = new IntervalGrid(AMSTERDAM, 40); // 01:20, 02:00 (skipped), 02:40 (skipped), 03:20
        Interval afterTheChange = grid.intervalAt(local("2026-03-29T03:10", AMSTERDAM));
        assertThat(wallClock(afterTheChange.start(), AMSTERDAM)).isEqualTo("2026-03-29T03:00+02:00");
        assertThat(wallClock(afterTheChange.end(), AMSTERDAM)).isEqualTo("2026-03-29T03:20+02:00");
        Interval beforeTheChange = grid.intervalAt(local("2026-03-29T01:30", AMSTERDAM));
        assertThat(beforeTheChange.end()).isEqualTo(afterTheChange.start());
    }

    @Test
    void everyDayStartsAtLocalMidnightAndEndsWhereTheNextBegins() {
        IntervalGrid grid = new IntervalGrid(AMSTERDAM, 15);
        for (String date : new String[] { "2026-03-29", "2026-10-25", "2026-06-10" }) {
            List<Interval> day = day(grid, date, AMSTERDAM);
            assertThat(wallClock(day.get(0).start(), AMSTERDAM)).startsWith(date + "T00:00");
            assertThat(wallClock(day.get(day.size() - 1).end(), AMSTERDAM))
                    .startsWith(LocalDate.parse(date).plusDays(1) + "T00:00");
            for (int i = 1; i < day.size(); i++) {
                assertThat(day.get(i).start()).isEqualTo(day.get(i - 1).end());
            }
        }
    }
}
