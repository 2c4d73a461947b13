package org.lampyris.coap.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class MinuteRingTest {
    /** 22:00 UTC on 21 December 2026, in epoch minutes. */
    private static final long TEN_PM = Instant.parse("2026-12-21T22:00:00Z").getEpochSecond() / 60;

    private static long at(long minute, int second) {
        return (minute * 60 + second) * 1000;
    }

    private static List<Double> values(List<MinuteRing.Minute> minutes) {
        return minutes.stream().map(MinuteRing.Minute::value).toList();
    }

    @Test
    void aStepShowsFromTheMinuteItHappenedInAndHoldsUntilNow() {
        MinuteRing ring = new MinuteRing(2880);
        ring.record(at(TEN_PM - 2, 30), 100);
        ring.record(at(TEN_PM, 0), 50);

        List<MinuteRing.Minute> minutes = ring.between(TEN_PM - 10, TEN_PM + 10, at(TEN_PM + 3, 5));

        assertThat(minutes).containsExactly(new MinuteRing.Minute(TEN_PM - 2, 100),
                new MinuteRing.Minute(TEN_PM - 1, 100), new MinuteRing.Minute(TEN_PM, 50),
                new MinuteRing.Minute(TEN_PM + 1, 50), new MinuteRing.Minute(TEN_PM + 2, 50),
                new MinuteRing.Minute(TEN_PM + 3, 50));
        assertThat(minutes.get(2).epochSecond()).isEqualTo(Instant.parse("2026-12-21T22:00:00Z").getEpochSecond());
    }

    @Test
    void aBoostOfTwoMinutesShowsAsTwoMinutesAtTheBoostLevel() {
        MinuteRing ring = new MinuteRing(2880);
        ring.record(at(TEN_PM, 0), 50);
        ring.record(at(TEN_PM + 5, 20), 100);
        ring.record(at(TEN_PM + 7, 20), 50);

        assertThat(values(ring.between(TEN_PM + 3, TEN_PM + 9, at(TEN_PM + 9, 0))))
                .containsExactly(50.0, 50.0, 100.0, 100.0, 50.0, 50.0, 50.0);
    }

    @Test
    void theLastValueOfAMinuteIsTheOneKept() {
        MinuteRing ring = new MinuteRing(60);
        ring.record(at(TEN_PM, 1), 10);
        ring.record(at(TEN_PM, 30), 20);
        ring.record(at(TEN_PM, 59), 30.1);

        assertThat(ring.between(TEN_PM, TEN_PM, at(TEN_PM, 59))).containsExactly(new MinuteRing.Minute(TEN_PM, 30.1));
    }

    @Test
    void aValueOlderThanTheNewestIsIgnored() {
        MinuteRing ring = new MinuteRing(60);
        ring.record(at(TEN_PM, 30), 20);
        ring.record(at(TEN_PM - 1, 10), 99);
        ring.record(at(TEN_PM, 10), 98);

        assertThat(values(ring.between(TEN_PM - 5, TEN_PM, at(TEN_PM, 40)))).containsExactly(20.0);
    }

    @Test
    void itKeepsItsCapacityOfMinutesAndForgetsOlderOnes() {
        MinuteRing ring = new MinuteRing(5);
        for (int m = 0; m < 12; m++) {
            ring.record(at(TEN_PM + m, 0), m);
        }

        assertThat(values(ring.between(TEN_PM - 100, TEN_PM + 100, at(TEN_PM + 11, 30))))
                .containsExactly(7.0, 8.0, 9.0, 10.0, 11.0);
    }

    @Test
    void aQuietPointAnswersNoMoreThanItsCapacityHowLongItWasQuiet() {
        MinuteRing ring = new MinuteRing(60);
        ring.record(at(TEN_PM, 0), 42);

        List<MinuteRing.Minute> day = ring.between(TEN_PM - 1000, TEN_PM + 1000, at(TEN_PM + 600, 0));

        assertThat(day).hasSize(60).allMatch(m -> m.value() == 42);
        assertThat(day.get(59).minute()).isEqualTo(TEN_PM + 600);
    }

    @Test
    void minutesWhileThePointWasNotFollowedHoldNoValue() {
        MinuteRing ring = new MinuteRing(60);
        ring.record(at(TEN_PM, 0), 50);
        ring.pause(at(TEN_PM + 2, 0)); // the plugin went
        ring.record(at(TEN_PM + 5, 0), 70); // a plugin published the path again

        assertThat(ring.between(TEN_PM, TEN_PM + 10, at(TEN_PM + 6, 0))).extracting(MinuteRing.Minute::minute)
                .containsExactly(TEN_PM, TEN_PM + 1, TEN_PM + 2, TEN_PM + 5, TEN_PM + 6);
        // and nothing is carried past the pause while nothing follows it
        ring.pause(at(TEN_PM + 6, 0));
        assertThat(ring.between(TEN_PM + 6, TEN_PM + 20, at(TEN_PM + 20, 0))).hasSize(1);
    }

    @Test
    void aRestoredRingHoldsTheSavedMinutesAndNothingAfterThemUntilRecordedAgain() {
        MinuteRing ring = new MinuteRing(10);
        ring.record(at(TEN_PM, 0), 50);
        ring.record(at(TEN_PM + 3, 0), 100);
        MinuteRing.Saved saved = ring.save(at(TEN_PM + 4, 30));

        MinuteRing smaller = new MinuteRing(3);
        smaller.restore(saved);
        MinuteRing same = new MinuteRing(10);
        same.restore(saved);

        assertThat(values(same.between(TEN_PM - 20, TEN_PM + 20, at(TEN_PM + 20, 0))))
                .containsExactly(50.0, 50.0, 50.0, 100.0, 100.0);
        assertThat(smaller.between(TEN_PM - 20, TEN_PM + 20, at(TEN_PM + 20, 0))).extracting(MinuteRing.Minute::minute)
                .containsExactly(TEN_PM + 2, TEN_PM + 3, TEN_PM + 4);
        same.record(at(TEN_PM + 8, 0), 30);
        assertThat(same.between(TEN_PM + 4, TEN_PM + 8, at(TEN_PM + 8, 0))).extracting(MinuteRing.Minute::minute)
                .containsExactly(TEN_PM + 4, TEN_PM + 8);
    }
}
