package org.lampyris.evcharging;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionFileTest {
    static final Instant T0 = Instant.parse("2026-12-21T17:00:00Z");
    static final ChargingSession ENDED = new ChargingSession(7, "04A1B2C3", T0, T0.plusSeconds(3600), 1200.5, 7245,
            EndReason.UNPLUGGED);
    static final ChargingSession FREE = new ChargingSession(8, null, T0.plusSeconds(4000), T0.plusSeconds(4000),
            8445.5, 0, null);

    @TempDir
    Path dir;

    @Test
    void savedSessionsReadBackTheSame() throws IOException {
        SessionFile file = new SessionFile(dir.resolve("ev-sessions.txt"));
        file.save(List.of(FREE, ENDED));
        assertThat(file.load(T0)).containsExactly(FREE, ENDED);
    }

    @Test
    void aSaveLeavesNoTemporaryFileBehindAndCreatesItsFolder() throws IOException {
        SessionFile file = new SessionFile(dir.resolve("data").resolve("ev-sessions.txt"));
        file.save(List.of(ENDED));
        file.save(List.of(FREE, ENDED));
        try (var listing = Files.list(dir.resolve("data"))) {
            assertThat(listing).extracting(p -> p.getFileName().toString()).containsExactly("ev-sessions.txt");
        }
    }

    @Test
    void aTemporaryFileLeftByAPowerCutMidSaveDoesNotReplaceTheSessions() throws IOException {
        Path path = dir.resolve("ev-sessions.txt");
        SessionFile file = new SessionFile(path);
        file.save(List.of(ENDED));
        Files.writeString(dir.resolve("ev-sessions.txt.tmp"), SessionFile.HEADER + "\n8\tx\t");
        assertThat(file.load(T0)).containsExactly(ENDED);
        file.save(List.of(FREE, ENDED));
        assertThat(file.load(T0)).containsExactly(FREE, ENDED);
    }

    @Test
    void aCorruptFileIsSetAsideAndReadAsNoSessions() throws IOException {
        Path path = dir.resolve("ev-sessions.txt");
        Files.writeString(path, "{\"this is\": not the format");
        SessionFile file = new SessionFile(path);
        assertThat(file.load(T0)).isEmpty();
        assertThat(path).doesNotExist();
        assertThat(dir.resolve("ev-sessions.txt.corrupt-" + T0.getEpochSecond())).hasContent(
                "{\"this is\": not the format");
    }

    @Test
    void aSessionLineThatCannotBeReadIsLeftOutAndTheOtherSessionsAreKept() throws IOException {
        // A session that "ended" an hour before it started (written by a version that let a clock set back move
        // its end back): once it made the whole file unreadable and every recorded session was lost.
        ChargingSession backwards = new ChargingSession(9, null, T0.plusSeconds(7200), T0.plusSeconds(3600), 9000,
                1, EndReason.STOPPED);
        Path path = dir.resolve("ev-sessions.txt");
        Files.writeString(path, SessionFile.format(List.of(FREE, backwards, ENDED)));
        String before = Files.readString(path);
        assertThat(new SessionFile(path).load(T0)).containsExactly(FREE, ENDED);
        assertThat(dir.resolve("ev-sessions.txt.corrupt-" + T0.getEpochSecond())).hasContent(before);
    }

    @Test
    void aSessionNeverEndsBeforeItStartedWhenThePostClockIsSetBack() {
        ChargingSession running = ChargingSession.start(3, null, T0, 100).observed(T0.plusSeconds(600), 150);
        ChargingSession ended = running.ended(T0.minusSeconds(36_000), 160, EndReason.STOPPED);
        assertThat(ended.end()).isEqualTo(T0.plusSeconds(600));
        assertThat(ended.duration()).isEqualTo(java.time.Duration.ofSeconds(600));
        assertThat(ended.energyWattHours()).isEqualTo(60);
        assertThat(SessionFile.parse(SessionFile.format(List.of(ended)).lines().toList())).containsExactly(ended);
    }

    @Test
    void aFileCutShortIsCorrupt() throws IOException {
        String whole = SessionFile.format(List.of(FREE, ENDED));
        String torn = whole.substring(0, whole.length() - 10);
        assertThatThrownBy(() -> SessionFile.parse(torn.lines().toList())).hasMessageContaining("incomplete");
        Path path = dir.resolve("ev-sessions.txt");
        Files.write(path, torn.getBytes(UTF_8));
        assertThat(new SessionFile(path).load(T0)).isEmpty();
        assertThat(path).doesNotExist();
    }

    @Test
    void aMalformedLineIsNamedInTheReport() {
        String bad = SessionFile.HEADER + "\n7\t04A1\tyesterday\t2026-12-21T18:00:00Z\t0\t10\tunplugged\nend\n";
        assertThatThrownBy(() -> SessionFile.parse(bad.lines().toList())).hasMessageStartingWith("line 2:");
        String twoRunning = SessionFile.format(List.of(FREE, FREE));
        assertThatThrownBy(() -> SessionFile.parse(twoRunning.lines().toList()))
                .hasMessageContaining("second running session");
        String badIdentifier = SessionFile.format(List.of(ENDED)).replace("04A1B2C3", "04A1\u0007");
        assertThatThrownBy(() -> SessionFile.parse(badIdentifier.lines().toList())).hasMessageContaining("line 2");
    }
}
