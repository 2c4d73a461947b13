package org.lampyris.tests.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lampyris.testkit.TestJar;

/** The parts of the hot-update measurement that need no running post. */
class HotUpdateMeasureTest {
    private static final int CONTENT = CoapDatagram.CONTENT;
    private static final int NOT_FOUND = 0x84;

    @Test
    void theNewVersionAnswersAtTheFirst205ToAReadSentAfterThePointWasSeenWithdrawn() {
        List<PointPoll.Read> reads = List.of(new PointPoll.Read(0, 10, CONTENT), new PointPoll.Read(20, 110,
                CONTENT), new PointPoll.Read(120, 130, NOT_FOUND), new PointPoll.Read(125, 140, CONTENT),
                new PointPoll.Read(150, 160, NOT_FOUND), new PointPoll.Read(170, 180, CONTENT));
        // The 2.05 at 140 answers a read sent before the withdrawal was seen (at 130): it may be the old version's.
        assertThat(PointPoll.newVersionAnswered(reads, 100)).hasValue(180);
    }

    @Test
    void withoutAWithdrawalAfterTheUploadThereIsNoTime() {
        List<PointPoll.Read> reads = List.of(new PointPoll.Read(0, 10, NOT_FOUND), new PointPoll.Read(20, 30,
                CONTENT), new PointPoll.Read(120, 130, CONTENT));
        assertThat(PointPoll.newVersionAnswered(reads, 100)).isEmpty();
    }

    @Test
    void theReleaseIsOneMicroVersionHigherThanTheDistributionsWithEveryEntryKept(@TempDir Path dir)
            throws Exception {
        assertThat(SignedRelease.higher("0.1.0.202612061001", "benchmark-r2")).isEqualTo("0.1.1.benchmark-r2");
        assertThat(SignedRelease.higher("2", "q")).isEqualTo("2.0.1.q");
        Path original = TestJar.plain().header("Bundle-SymbolicName", "org.lampyris.dimming")
                .header("Bundle-Version", "0.1.0.SNAPSHOT").entry("OSGI-INF/a.xml", "<a/>")
                .writeTo(dir.resolve("original.jar"));
        Path copy = dir.resolve("copy.jar");
        assertThat(SignedRelease.rewrite(original, copy, "r1")).isEqualTo("0.1.1.r1");
        try (JarFile jar = new JarFile(copy.toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Bundle-Version")).isEqualTo("0.1.1.r1");
            assertThat(jar.getManifest().getMainAttributes().getValue("Bundle-SymbolicName"))
                    .isEqualTo("org.lampyris.dimming");
            assertThat(new String(jar.getInputStream(jar.getEntry("OSGI-INF/a.xml")).readAllBytes()))
                    .isEqualTo("<a/>");
        }
    }
}
