package org.lampyris.ocpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {
    @TempDir
    Path dir;

    @Test
    void queuedMessagesOutliveARestartAndLeaveInOrderOnceAnswered() {
        Path file = dir.resolve(ChargePointLink.OUTBOX_FILE);
        Outbox outbox = new Outbox(file, 100);
        outbox.opened(7, 1000, Map.of("meterStart", 1000));
        outbox.add(Outbox.METER_VALUES, 7, Map.of("n", 1));
        outbox.add(Outbox.METER_VALUES, 7, Map.of("n", 2));

        Outbox again = new Outbox(file, 100);
        assertThat(again.size()).isEqualTo(3);
        assertThat(again.highestSession()).isEqualTo(7);
        assertThat(again.open()).containsOnlyKeys(7L);
        Outbox.Entry start = again.head();
        assertThat(start.action()).isEqualTo(Outbox.START);
        again.delivered(start, Map.of("transactionId", 4711L));
        assertThat(again.transactionId(7)).isEqualTo(4711L);
        assertThat(again.head().payload()).isEqualTo(Map.of("n", 1L));

        Outbox third = new Outbox(file, 100);
        assertThat(third.size()).as("the delivered message is gone for good").isEqualTo(2);
        assertThat(third.transactionId(7)).isEqualTo(4711L);
        third.delivered(third.head(), Map.of());
        assertThat(third.head().payload()).isEqualTo(Map.of("n", 2L));
    }

    @Test
    void aFullOutboxDropsTheOldestMeterValuesFirstAndCountsThem() {
        Outbox outbox = new Outbox(dir.resolve("o.json"), 3);
        outbox.opened(1, 0, Map.of());
        outbox.add(Outbox.METER_VALUES, 1, Map.of("n", 1));
        outbox.add(Outbox.METER_VALUES, 1, Map.of("n", 2));
        outbox.closed(1, Map.of("meterStop", 9));
        assertThat(outbox.size()).isEqualTo(3);
        assertThat(outbox.dropped()).isEqualTo(1);
        assertThat(outbox.head().action()).isEqualTo(Outbox.START);
        outbox.delivered(outbox.head(), Map.of("transactionId", 1L));
        assertThat(outbox.head().payload()).isEqualTo(Map.of("n", 2));
    }

    @Test
    void aMessageTheCsmsRefusesAgainAndAgainIsDroppedAndCounted() {
        Outbox outbox = new Outbox(null, 10);
        outbox.add(Outbox.METER_VALUES, 1, Map.of());
        assertThat(outbox.refused(outbox.head(), 2)).isFalse();
        assertThat(outbox.size()).isEqualTo(1);
        assertThat(outbox.refused(outbox.head(), 2)).isTrue();
        assertThat(outbox.size()).isZero();
        assertThat(outbox.dropped()).isEqualTo(1);
    }

    @Test
    void anUnreadableOutboxIsSetAsideAndAnEmptyOneUsed() throws Exception {
        Path file = dir.resolve(ChargePointLink.OUTBOX_FILE);
        Files.writeString(file, "{\"next\": \"x\"}");
        Outbox outbox = new Outbox(file, 10);
        assertThat(outbox.size()).isZero();
        assertThat(dir.resolve(ChargePointLink.OUTBOX_FILE + ".unreadable")).exists();
    }
}
