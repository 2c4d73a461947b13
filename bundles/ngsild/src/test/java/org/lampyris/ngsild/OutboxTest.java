package org.lampyris.ngsild;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {
    @TempDir
    Path data;

    private static Map<String, Object> update(String id, int n) {
        return Map.of("id", id, "type", "Streetlight", "n", (long) n);
    }

    @Test
    void queuedUpdatesSurviveARestartInTheirOrderAndTheCountsToo() {
        Outbox outbox = new Outbox(data.resolve("outbox"), 100);
        outbox.add(update("a", 1));
        outbox.add(update("b", 2));
        outbox.add(update("a", 3));
        outbox.delivered(outbox.head(1, e -> ""));

        Outbox again = new Outbox(data.resolve("outbox"), 100);
        assertThat(again.size()).isEqualTo(2);
        assertThat(again.delivered()).isEqualTo(1);
        assertThat(again.head(10, e -> "")).extracting(e -> e.entity().get("n")).containsExactly(2L, 3L);
        again.add(update("c", 4));
        assertThat(new Outbox(data.resolve("outbox"), 100).head(10, e -> ""))
                .extracting(e -> e.entity().get("n")).containsExactly(2L, 3L, 4L);
    }

    @Test
    void whenFullTheOldestGoFirstAndAreCounted() throws Exception {
        Outbox outbox = new Outbox(data.resolve("outbox"), 10);
        for (int i = 1; i <= 25; i++) {
            outbox.add(update("e" + i, i));
        }
        assertThat(outbox.size()).isEqualTo(10);
        assertThat(outbox.dropped()).isEqualTo(15);
        assertThat(outbox.head(100, e -> "")).extracting(e -> e.entity().get("n")).first().isEqualTo(16L);
        try (var files = Files.list(data.resolve("outbox"))) {
            assertThat(files.filter(f -> f.getFileName().toString().startsWith("update-"))).hasSize(10);
        }
        assertThat(new Outbox(data.resolve("outbox"), 10).dropped()).isEqualTo(15);
    }

    @Test
    void anUpdateOnItsWayToTheBrokerIsNotDroppedSoThatWhatTheBrokerTookCountsAsDelivered() {
        Outbox outbox = new Outbox(null, 10);
        for (int i = 1; i <= 10; i++) {
            outbox.add(update("e" + i, i));
        }
        List<Outbox.Entry> batch = outbox.head(2, e -> "");
        outbox.sending(batch);
        outbox.add(update("e11", 11));
        outbox.add(update("e12", 12));
        outbox.delivered(batch);
        assertThat(outbox.delivered()).isEqualTo(2);
        assertThat(outbox.dropped()).as("e3 and e4, not the two on their way").isEqualTo(2);
        assertThat(outbox.head(100, e -> "")).extracting(Outbox.Entry::id).startsWith("e5").endsWith("e12");
    }

    @Test
    void aBatchCarriesEachEntityOnceAndOnlyUpdatesOfTheFirstOnesContext() {
        Outbox outbox = new Outbox(null, 100);
        outbox.add(update("a", 1));
        outbox.add(Map.of("id", "x", "type", "AirQualityObserved"));
        outbox.add(update("b", 2));
        outbox.add(update("a", 3));
        outbox.add(update("c", 4));
        List<Outbox.Entry> batch = outbox.head(10, e -> (String) e.entity().get("type"));
        assertThat(batch).extracting(Outbox.Entry::id).containsExactly("a", "b");
        outbox.delivered(batch);
        assertThat(outbox.head(10, e -> (String) e.entity().get("type"))).extracting(Outbox.Entry::id)
                .containsExactly("x");
    }

    @Test
    void anUnreadableUpdateIsSetAsideAndTheOthersStay() throws Exception {
        Outbox outbox = new Outbox(data.resolve("outbox"), 100);
        outbox.add(update("a", 1));
        outbox.add(update("b", 2));
        Files.writeString(data.resolve("outbox/update-0000000000000000001.json"), "{torn");
        Outbox again = new Outbox(data.resolve("outbox"), 100);
        assertThat(again.head(10, e -> "")).extracting(Outbox.Entry::id).containsExactly("b");
        assertThat(data.resolve("outbox/update-0000000000000000001.json.unreadable")).exists();
    }
}
