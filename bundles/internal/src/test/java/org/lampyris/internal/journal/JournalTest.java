package org.lampyris.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    private static final Instant START = Instant.parse("2026-12-06T09:00:00Z");
    private static final Instant END = Instant.parse("2026-12-06T09:00:05Z");

    @TempDir
    Path dir;

    static Transaction applying() {
        Release old = Release.kept("1.0.0", "jars/vendor.lamp/1.0.0-a.jar");
        return Transaction.begin("t1", BundleAction.UPDATE, "vendor.lamp", TransactionState.APPLYING,
                Optional.of(old), Optional.of(Release.kept("1.1.0", "jars/vendor.lamp/1.1.0-b.jar")),
                Committed.to(old), Optional.empty(), Optional.of("Lampyris development signer"), START,
                "city-engineer");
    }

    @Test
    void aRecordReadsBackAsWrittenAndLeavesNoTemporaryFile() throws Exception {
        Journal journal = Journal.create(dir);
        journal.write(applying());
        assertThat(journal.last("vendor.lamp")).contains(applying());
        assertThat(names(dir.resolve("transactions"))).containsExactly("vendor.lamp.properties");
    }

    @Test
    void aCommittedTransactionRemembersTheReplacedVersionForARollback() throws Exception {
        Journal journal = Journal.create(dir);
        journal.write(applying().committedAt(END));
        Transaction t = journal.last("vendor.lamp").orElseThrow();
        assertThat(t.state()).isEqualTo(TransactionState.COMMITTED);
        assertThat(t.committedRelease()).contains(Release.kept("1.1.0", "jars/vendor.lamp/1.1.0-b.jar"));
        assertThat(t.previous()).contains(Release.kept("1.0.0", "jars/vendor.lamp/1.0.0-a.jar"));
        assertThat(t.finishedAt()).contains(END);
    }

    @Test
    void aCommittedUninstallLeavesTheBundleAbsent() {
        Transaction uninstall = Transaction.begin("t2", BundleAction.UNINSTALL, "vendor.lamp",
                TransactionState.APPLYING, Optional.of(Release.unkept("1.0.0")), Optional.empty(),
                Committed.to(Release.unkept("1.0.0")), Optional.empty(), Optional.empty(), START, "city-engineer");
        assertThat(uninstall.committedAt(END).committedAbsent()).isTrue();
    }

    @Test
    void aRevertedTransactionKeepsWhatWasCommittedBefore() {
        Transaction reverted = applying().settledAt(TransactionState.REVERTED, "reverted to 1.0.0: boom", END);
        assertThat(reverted.committedRelease().map(Release::version)).contains("1.0.0");
        assertThat(reverted.reason()).contains("reverted to 1.0.0: boom");
        assertThat(reverted.state().interrupted()).isFalse();
        assertThat(applying().state().interrupted()).isTrue();
    }

    @Test
    void aJarIsKeptOncePerContentAndForgottenWhenNoRecordNeedsIt() throws Exception {
        Journal journal = Journal.create(dir);
        Path upload = Files.writeString(dir.resolve("upload.jar"), "jar bytes");
        String kept = journal.keep(upload, "vendor.lamp", "1.1.0");
        assertThat(journal.keep(upload, "vendor.lamp", "1.1.0")).isEqualTo(kept);
        assertThat(kept).startsWith("jars/vendor.lamp/1.1.0-").endsWith(".jar");
        Transaction unrelated = Transaction.begin("t3", BundleAction.UPDATE, "vendor.lamp",
                TransactionState.COMMITTED, Optional.empty(), Optional.of(Release.unkept("2.0.0")),
                Committed.to(Release.unkept("2.0.0")), Optional.empty(), Optional.empty(), START, "");
        journal.forgetUnused(unrelated);
        assertThat(Files.exists(journal.resolve(kept))).isFalse();
    }

    @Test
    void aStagedUploadIsOnDiskBeforeAnythingReadsIt() throws Exception {
        Journal journal = Journal.create(dir);
        Path staged = journal.stage("t4", new byte[] { 1, 2, 3 });
        assertThat(staged).hasBinaryContent(new byte[] { 1, 2, 3 });
        assertThat(staged.getParent()).isEqualTo(dir.resolve("staging"));
    }

    @Test
    void uploadsAndTemporaryRecordsAKillLeftBehindAreDeleted() throws Exception {
        Journal journal = Journal.create(dir);
        journal.write(applying());
        journal.stage("t5", new byte[] { 1 });
        Files.write(dir.resolve("transactions/vendor.lamp.properties.tmp"), new byte[] { 2 });

        journal.deleteLeftovers();

        assertThat(names(dir.resolve("staging"))).isEmpty();
        assertThat(names(dir.resolve("transactions"))).containsExactly("vendor.lamp.properties");
    }

    @Test
    void aRecordThatIsNoTransactionIsReportedWithItsFile() throws Exception {
        Journal journal = Journal.create(dir);
        Files.writeString(dir.resolve("transactions/vendor.lamp.properties"), "state=half-written\n");

        assertThatThrownBy(() -> journal.last("vendor.lamp")).isInstanceOf(IOException.class)
                .hasMessageContaining("vendor.lamp.properties is not a transaction record");
    }

    private static Stream<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).toList().stream();
        }
    }
}
