package org.lampyris.ngsild;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.lampyris.api.counting.TrafficStatus;
import org.lampyris.ngsild.SmartDataModels.CountInterval;

class CountIntervalsTest {
    private static final Instant T = Instant.parse("2026-12-21T23:40:00Z");

    @Test
    void theDaysCountsBecomeCountsPerIntervalAcrossMidnight() {
        CountIntervals intervals = new CountIntervals(Duration.ofMinutes(15));
        assertThat(intervals.update(new TrafficStatus(T, 0, 100, 10, 50))).isEmpty();
        assertThat(intervals.update(new TrafficStatus(T.plusSeconds(60), 1, 104, 10, 52))).isEmpty();
        assertThat(intervals.update(new TrafficStatus(T.plusSeconds(400), 0, 105, 11, 52)))
                .containsExactly(new CountInterval(T, Instant.parse("2026-12-21T23:45:00Z"), 4, 0, 2));
        // midnight: the day's counts start again
        assertThat(intervals.update(new TrafficStatus(Instant.parse("2026-12-22T00:05:00Z"), 0, 2, 0, 1)))
                .containsExactly(
                        new CountInterval(Instant.parse("2026-12-21T23:45:00Z"),
                                Instant.parse("2026-12-22T00:00:00Z"), 1, 1, 0));
        assertThat(intervals.tick(Instant.parse("2026-12-22T00:15:00Z"))).containsExactly(
                new CountInterval(Instant.parse("2026-12-22T00:00:00Z"), Instant.parse("2026-12-22T00:15:00Z"), 2, 0,
                        1));
    }
}
