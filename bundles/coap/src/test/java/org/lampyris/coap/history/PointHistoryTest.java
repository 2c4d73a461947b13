package org.lampyris.coap.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class PointHistoryTest {
    private static final long MINUTE = 29_470_000L; // an epoch minute in 2026
    private static final long NOW = (MINUTE + 10) * 60_000L;

    @Test
    void whatIsSavedIsReadBackWithItsUnits() throws IOException {
        PointHistory history = new PointHistory(2880, 64);
        history.follow("/light/level", "%").ring().record(MINUTE * 60_000L, 50);
        history.follow("/air/eaqi", "").ring().record(MINUTE * 60_000L, 2);
        byte[] saved = history.encode(NOW);

        List<String> dropped = new ArrayList<>();
        PointHistory read = PointHistory.decode(saved, 2880, 64, NOW + 60_000L, dropped);

        assertThat(dropped).isEmpty();
        assertThat(read.paths()).containsExactly("/air/eaqi", "/light/level");
        assertThat(read.get("/light/level").unit()).isEqualTo("%");
        // the minutes up to the save, and none after it: the post was off
        assertThat(read.get("/light/level").ring().between(MINUTE, MINUTE + 20, NOW + 60_000L)).hasSize(11)
                .allMatch(m -> m.value() == 50);
        assertThat(saved.length).as("two rings of 2880 minutes (23 KB in memory) of one value each, deflated")
                .isLessThan(1_024);
    }

    @Test
    void aHistoryAfterThePostsTimeNowIsDroppedAndSaid() throws IOException {
        PointHistory history = new PointHistory(60, 64);
        history.follow("/light/level", "%").ring().record(MINUTE * 60_000L, 50);

        List<String> dropped = new ArrayList<>();
        PointHistory read = PointHistory.decode(history.encode(NOW), 60, 64, (MINUTE - 100) * 60_000L, dropped);

        assertThat(read.paths()).isEmpty();
        assertThat(dropped).singleElement().asString().contains("/light/level", "after the post's time now");
    }

    @Test
    void itKeepsNoMorePointsThanItsLimit() {
        PointHistory history = new PointHistory(60, 2);

        assertThat(history.follow("/a/x", "W")).isNotNull();
        assertThat(history.follow("/a/y", "W")).isNotNull();
        assertThat(history.follow("/a/z", "W")).isNull();
        assertThat(history.follow("/a/x", "W")).as("a point kept is still followed").isNotNull();
    }

    @Test
    void aPointPublishedAgainWithAnotherUnitStartsAfresh() {
        PointHistory history = new PointHistory(60, 2);
        history.follow("/a/x", "W").ring().record(MINUTE * 60_000L, 5);

        PointHistory.Series again = history.follow("/a/x", "kW");

        assertThat(again.ring().newestMinute()).isEqualTo(MinuteRing.NONE);
    }

    @Test
    void bytesThatAreNoHistoryAreRefused() {
        byte[] saved = new PointHistory(60, 2).encode(NOW);
        PointHistory one = new PointHistory(60, 2);
        one.follow("/a/x", "W").ring().record(MINUTE * 60_000L, 5);
        byte[] truncated = Arrays.copyOf(one.encode(NOW), 40);

        assertThatThrownBy(() -> PointHistory.decode("hello".getBytes(), 60, 2, NOW, new ArrayList<>()))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> PointHistory.decode(truncated, 60, 2, NOW, new ArrayList<>()))
                .isInstanceOf(IOException.class);
        saved[7] = 9; // another version
        assertThatThrownBy(() -> PointHistory.decode(saved, 60, 2, NOW, new ArrayList<>()))
                .hasMessageContaining("format 9");
    }
}
