package org.lampyris.management.bundles;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    @TempDir
    Path dir;

    private static Transaction applying() {
        return new Transaction("t1", "update", "vendor.lamp", Transaction.APPLYING, "1.0.0",
                "jars/vendor.lamp/1.0.0-a.jar", "1.1.0", "jars/vendor.lamp/1.1.0-b.jar", "1.0.0",
                "jars/vendor.lamp/1.0.0-a.jar", "", "", "Lampyris development signer", "", "2026-12-06T09:00:00Z", "",
                "city-engineer");
    }

    @Test
    void aRecordReadsBackAsWrittenAndLeavesNoTemporaryFile() throws Exception {
        Journal journal = new Journal(dir);
        journal.write(applying());
        assertThat(journal.last("vendor.lamp")).contains(applying());
        assertThat(TestJars.names(dir.resolve("transactions"))).containsExactly("vendor.lamp.properties");
    }

    @Test
    void aCommittedTransactionRemembersTheReplacedVersionForARollback() throws Exception {
        Journal journal = new Journal(dir);
        journal.write(applying().committedNow("2026-12-06T09:00:05Z"));
        Transaction t = journal.last("vendor.lamp").orElseThrow();
        assertThat(t.state()).isEqualTo("committed");
        assertThat(t.committed()).isEqualTo("1.1.0");
        assertThat(t.committedJar()).isEqualTo("jars/vendor.lamp/1.1.0-b.jar");
        assertThat(t.previous()).isEqualTo("1.0.0");
        assertThat(t.previousJar()).isEqualTo("jars/vendor.lamp/1.0.0-a.jar");
    }

    @Test
    void aCommittedUninstallLeavesTheBundleAbsent() throws Exception {
        Transaction uninstall = new Transaction("t2", "uninstall", "vendor.lamp", Transaction.APPLYING, "1.0.0", "",
                "", "", "1.0.0", "", "", "", "", "", "2026-12-06T09:00:00Z", "", "city-engineer");
        assertThat(uninstall.committedNow("now").committed()).isEqualTo(Transaction.ABSENT);
    }

    @Test
    void aRevertedTransactionKeepsWhatWasCommittedBefore() {
        Transaction reverted = applying().revertedNow("reverted to 1.0.0: boom", "now");
        assertThat(reverted.committed()).isEqualTo("1.0.0");
        assertThat(reverted.interrupted()).isFalse();
        assertThat(applying().interrupted()).isTrue();
    }

    @Test
    void aJarIsKeptOncePerContentAndForgottenWhenNoRecordNeedsIt() throws Exception {
        Journal journal = new Journal(dir);
        Path upload = Files.writeString(dir.resolve("upload.jar"), "jar bytes");
        String kept = journal.keep(upload, "vendor.lamp", "1.1.0");
        assertThat(journal.keep(upload, "vendor.lamp", "1.1.0")).isEqualTo(kept);
        assertThat(kept).startsWith("jars/vendor.lamp/1.1.0-").endsWith(".jar");
        Transaction unrelated = new Transaction("t3", "update", "vendor.lamp", Transaction.COMMITTED, "", "", "2.0.0",
                "", "2.0.0", "", "", "", "", "", "", "", "");
        journal.forgetUnused(unrelated);
        assertThat(Files.exists(journal.resolve(kept))).isFalse();
    }

    @Test
    void aStagedUploadIsOnDiskBeforeAnythingReadsIt() throws Exception {
        Journal journal = new Journal(dir);
        Path staged = journal.stage("t4", new byte[] { 1, 2, 3 });
        assertThat(staged).hasBinaryContent(new byte[] { 1, 2, 3 });
        assertThat(staged.getParent()).isEqualTo(dir.resolve("staging"));
    }
}
