package org.lampyris.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/** The journal file that the management bundle and the launcher of other releases must read alike. */
class TransactionFormatTest {
    /** A record as the management bundle of release 0.1.0 wrote it, before the journal had one model. */
    private static final String WRITTEN_BY_0_1_0 = """
            #Lampyris bundle transaction
            #Sat Dec 06 09:00:05 UTC 2026
            committed=1.1.0
            committedJar=jars/org.lampyris.dimming/1.1.0-4f2a9c1d0e3b5a67.jar
            previousJar=jars/org.lampyris.dimming/1.0.0-0123456789abcdef.jar
            signer=Lampyris development signer
            identity=city-engineer
            bsn=org.lampyris.dimming
            fromJar=jars/org.lampyris.dimming/1.0.0-0123456789abcdef.jar
            finishedAt=2026-12-06T09\\:00\\:05.123456Z
            toJar=jars/org.lampyris.dimming/1.1.0-4f2a9c1d0e3b5a67.jar
            reason=
            action=update
            from=1.0.0
            id=mj3k2x-a1b
            state=committed
            to=1.1.0
            previous=1.0.0
            startedAt=2026-12-06T09\\:00\\:00.500Z
            """;

    @Test
    void aRecordOfThePreviousReleaseReadsAsTheTransactionItDescribes() throws Exception {
        Transaction t = TransactionFormat.read(load(WRITTEN_BY_0_1_0));

        Release old = Release.kept("1.0.0", "jars/org.lampyris.dimming/1.0.0-0123456789abcdef.jar");
        Release updated = Release.kept("1.1.0", "jars/org.lampyris.dimming/1.1.0-4f2a9c1d0e3b5a67.jar");
        assertThat(t).isEqualTo(new Transaction("mj3k2x-a1b", BundleAction.UPDATE, "org.lampyris.dimming",
                TransactionState.COMMITTED, Optional.of(old), Optional.of(updated), Committed.to(updated),
                Optional.of(old), Optional.of("Lampyris development signer"), Optional.empty(),
                Optional.of(Instant.parse("2026-12-06T09:00:00.500Z")),
                Optional.of(Instant.parse("2026-12-06T09:00:05.123456Z")), "city-engineer"));
    }

    @Test
    void aRecordWrittenNowHasTheKeysAndValuesOfThePreviousRelease() throws Exception {
        Properties before = load(WRITTEN_BY_0_1_0);

        Properties now = TransactionFormat.write(TransactionFormat.read(before));

        assertThat(now).isEqualTo(before);
    }

    @Test
    void anUninstalledBundleIsAbsentAndABaseBundleNoTransactionChangedIsLeftToTheBaseSet() {
        Properties uninstalled = new Properties();
        uninstalled.putAll(java.util.Map.of("id", "t2", "action", "uninstall", "bsn", "vendor.lamp", "state",
                "committed", "from", "1.0.0", "committed", "absent"));
        Properties refused = new Properties();
        refused.putAll(java.util.Map.of("id", "t3", "action", "update", "bsn", "vendor.lamp", "state", "refused",
                "to", "1.1.0", "reason", "lower than the installed"));

        assertThat(TransactionFormat.read(uninstalled).committed()).isEqualTo(Committed.ABSENT);
        assertThat(TransactionFormat.write(TransactionFormat.read(uninstalled))).containsEntry("committed", "absent")
                .containsEntry("committedJar", "");
        assertThat(TransactionFormat.read(refused).committed()).isEqualTo(Committed.BASE_SET);
        assertThat(TransactionFormat.read(refused).to()).contains(Release.unkept("1.1.0"));
    }

    private static Properties load(String text) throws Exception {
        Properties p = new Properties();
        p.load(new StringReader(text));
        return p;
    }
}
