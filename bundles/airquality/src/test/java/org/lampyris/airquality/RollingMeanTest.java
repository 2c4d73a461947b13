package org.lampyris.airquality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class RollingMeanTest {
    static final Instant T0 = Instant.parse("2026-12-21T00:00:00Z");
    static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void theHourlyMeanIsTheMeanOfTheSamplesOfTheLastHour() {
        RollingMean mean = new RollingMean(Duration.ofHours(1), MINUTE, 0);
        for (int i = 0; i < 60; i++) {
            mean.add(T0.plus(MINUTE.multipliedBy(i)), 40);
        }
        assertThat(mean.mean(T0.plus(MINUTE.multipliedBy(59)))).hasValue(40);
        for (int i = 60; i < 90; i++) {
            mean.add(T0.plus(MINUTE.multipliedBy(i)), 100);
        }
        // At 01:29 the hour holds 00:30..00:59 at 40 and 01:00..01:29 at 100.
        assertThat(mean.mean(T0.plus(MINUTE.multipliedBy(89)))).hasValue(70);
        for (int i = 90; i < 120; i++) {
            mean.add(T0.plus(MINUTE.multipliedBy(i)), 100);
        }
        assertThat(mean.mean(T0.plus(MINUTE.multipliedBy(119)))).hasValue(100);
    }

    @Test
    void samplesLeaveTheMeanAsTheWindowMovesOnWithoutNewData() {
        RollingMean mean = new RollingMean(Duration.ofHours(1), MINUTE, 0);
        mean.add(T0, 10);
        mean.add(T0.plus(Duration.ofMinutes(30)), 20);
        assertThat(mean.mean(T0.plus(Duration.ofMinutes(59)))).hasValue(15);
        assertThat(mean.mean(T0.plus(Duration.ofMinutes(60)))).as("the first sample is an hour old").hasValue(20);
        assertThat(mean.mean(T0.plus(Duration.ofMinutes(90)))).isEmpty();
    }

    @Test
    void aMeanIsKnownOnlyOnceValidSamplesCoverThreeQuartersOfTheWindow() {
        RollingMean mean = new RollingMean(Duration.ofHours(1), MINUTE, 0.75);
        for (int i = 0; i < 44; i++) {
            mean.add(T0.plus(MINUTE.multipliedBy(i)), 50);
        }
        assertThat(mean.mean(T0.plus(MINUTE.multipliedBy(43)))).as("44 minutes of an hour").isEmpty();
        mean.add(T0.plus(MINUTE.multipliedBy(44)), 50);
        assertThat(mean.mean(T0.plus(MINUTE.multipliedBy(44)))).as("45 minutes of an hour").hasValue(50);
    }

    @Test
    void theDailyMeanNeedsEighteenHoursOfSamplesAndAveragesTheLastDay() {
        RollingMean mean = new RollingMean(Duration.ofHours(24), MINUTE, 0.75);
        Instant t = T0;
        for (int i = 0; i < 18 * 60 - 1; i++, t = t.plus(MINUTE)) {
            mean.add(t, i < 6 * 60 ? 10 : 30);
        }
        assertThat(mean.mean(t.minus(MINUTE))).isEmpty();
        mean.add(t, 30);
        // 6 hours at 10 and 12 hours at 30.
        assertThat(mean.mean(t).getAsDouble()).isCloseTo(70.0 / 3, offset(1e-9));
    }

    @Test
    void aSampleTakenBackNoLongerCounts() {
        RollingMean mean = new RollingMean(Duration.ofHours(1), MINUTE, 0);
        mean.add(T0, 10);
        mean.add(T0.plus(MINUTE), 30);
        mean.remove(T0.plus(MINUTE), 30);
        assertThat(mean.mean(T0.plus(MINUTE))).hasValue(10);
    }

    @Test
    void aOneSecondSamplingPeriodStillGivesTheHourlyMeanFromItsFixedBuckets() {
        RollingMean mean = new RollingMean(Duration.ofHours(1), Duration.ofSeconds(1), 0.75);
        Instant t = T0;
        for (int i = 0; i < 3 * 3600; i++, t = t.plusSeconds(1)) {
            mean.add(t, i % 2 == 0 ? 10 : 20);
        }
        assertThat(mean.mean(t.minusSeconds(1))).hasValue(15);
    }
}
