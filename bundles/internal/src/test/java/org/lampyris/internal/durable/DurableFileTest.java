package org.lampyris.internal.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableFileTest {
    @TempDir
    Path dir;

    @Test
    void aWriteReplacesTheFileAndLeavesNoTemporaryFile() throws Exception {
        Path file = dir.resolve("record.properties");
        Files.writeString(file, "old");

        DurableFile.write(file, "new".getBytes(StandardCharsets.UTF_8));

        assertThat(file).hasContent("new");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aSecretIsWrittenOwnerOnlyEvenOverAStaleTemporaryCopyOthersCouldRead() throws Exception {
        Path file = dir.resolve("psk.secret");
        Path stale = dir.resolve("psk.secret.tmp");
        Files.writeString(stale, "half");
        Files.setPosixFilePermissions(stale, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));

        DurableFile.write(file, out -> out.write("s3cret".getBytes(StandardCharsets.UTF_8)),
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));

        assertThat(file).hasContent("s3cret");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(stale).doesNotExist();
    }

    @Test
    void aWriterThatFailsHalfWayLeavesTheOldFileAsItWas() throws Exception {
        Path file = dir.resolve("sessions.txt");
        Files.writeString(file, "old");

        assertThatThrownBy(() -> DurableFile.write(file, out -> {
            out.write("half of the new".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        })).hasMessage("disk full");

        assertThat(file).hasContent("old");
        assertThat(dir.resolve("sessions.txt.tmp")).doesNotExist();
    }

    @Test
    void aReaderNeverFindsTheFileMissingWhileItIsReplaced() throws Exception {
        Path file = dir.resolve("record.properties");
        DurableFile.write(file, "0".getBytes(StandardCharsets.UTF_8));
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger missing = new AtomicInteger();
        AtomicInteger reads = new AtomicInteger();
        Thread reader = new Thread(() -> {
            while (writing.get()) {
                try {
                    String content = Files.readString(file);
                    if (content.isEmpty()) {
                        missing.incrementAndGet();
                    }
                    reads.incrementAndGet();
                } catch (IOException e) {
                    missing.incrementAndGet();
                }
            }
        });
        reader.start();
        for (int i = 1; i <= 100; i++) {
            DurableFile.write(file, Integer.toString(i).getBytes(StandardCharsets.UTF_8));
        }
        writing.set(false);
        reader.join();

        assertThat(reads.get()).isPositive();
        assertThat(missing.get()).as("reads that found no file or an empty one").isZero();
        assertThat(file).hasContent("100");
    }

    @Test
    void aWriteIntoAFolderThatDoesNotExistFails() {
        assertThatThrownBy(() -> DurableFile.write(dir.resolve("gone/record.properties"), new byte[] { 1 }))
                .isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void forcingAFolderThatDoesNotExistIsAnErrorNotASilentSuccess() {
        assertThatThrownBy(() -> DurableFile.forceFolder(dir.resolve("gone")))
                .isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void createFoldersMakesEveryMissingFolderAndKeepsWhatIsThere() throws Exception {
        Path kept = Files.createDirectories(dir.resolve("jars"));
        Files.writeString(kept.resolve("old.jar"), "old");

        Path folder = DurableFile.createFolders(dir.resolve("jars/org.lampyris.dimming/0.2.0"));

        assertThat(folder).isDirectory();
        assertThat(kept.resolve("old.jar")).hasContent("old");
        assertThat(DurableFile.createFolders(folder)).as("a second call changes nothing").isDirectory();
    }

    @Test
    void createFoldersRefusesAPathThatIsAFile() throws Exception {
        Path file = Files.writeString(dir.resolve("config"), "not a folder");

        assertThatThrownBy(() -> DurableFile.createFolders(file.resolve("inner")))
                .isInstanceOf(IOException.class);
        assertThat(file).hasContent("not a folder");
    }

    @Test
    void forcingAFileKeepsItsContentAndAMissingFileIsAnError() throws Exception {
        Path file = Files.writeString(dir.resolve("bundle.info"), "7\nlampyris:base:x\n32\n");

        DurableFile.forceFile(file);

        assertThat(file).hasContent("7\nlampyris:base:x\n32\n");
        assertThatThrownBy(() -> DurableFile.forceFile(dir.resolve("gone")))
                .isInstanceOf(NoSuchFileException.class);
    }
}
