package org.lampyris.internal.journal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import org.lampyris.internal.durable.DurableFile;

/**
 * The management directory on disk ({@code <data dir>/mgmt}): uploads being received ({@code staging/}), the JARs
 * that a transaction may go back to or forward to ({@code jars/<bsn>/<version>-<sha256 prefix>.jar}) and one record
 * per bundle of its last transaction ({@code transactions/<bsn>.properties}, see {@link TransactionFormat}).
 * <p>
 * Every file is written with {@link DurableFile}, and every folder created with it: a kill or a power cut leaves
 * either the old file or the new one, and a step journalled is on the disk before the framework is touched.
 */
public final class Journal {
    private final Path dir;

    /** The journal in {@code dir}, as it is: nothing is created. */
    public Journal(Path dir) {
        this.dir = dir;
    }

    /** @return the journal in {@code dir}, its folders created if need be */
    public static Journal create(Path dir) throws IOException {
        Journal journal = new Journal(dir);
        DurableFile.createFolders(journal.staging());
        DurableFile.createFolders(dir.resolve("jars"));
        DurableFile.createFolders(journal.transactions());
        return journal;
    }

    public Path dir() {
        return dir;
    }

    /** @return whether any transaction was ever journalled here */
    public boolean exists() {
        return Files.isDirectory(transactions());
    }

    /** Writes an upload to the staging area, on disk before anything else looks at it. */
    public Path stage(String transactionId, byte[] body) throws IOException {
        Path file = staging().resolve(transactionId + ".jar");
        DurableFile.write(file, body);
        return file;
    }

    /**
     * Keeps a JAR for as long as a transaction may need it.
     *
     * @return its path relative to the management directory
     */
    public String keep(Path jar, String bsn, String version) throws IOException {
        String name = version + "-" + sha256(jar).substring(0, 16) + ".jar";
        Path target = dir.resolve("jars").resolve(bsn).resolve(name);
        if (!Files.exists(target)) {
            DurableFile.createFolders(target.getParent());
            DurableFile.write(target, out -> Files.copy(jar, out));
        }
        return dir.relativize(target).toString().replace('\\', '/');
    }

    /** @return the file of a kept JAR */
    public Path resolve(String relativeJar) {
        return dir.resolve(relativeJar);
    }

    /** @return the kept JAR of a release, if it has one and it is still there */
    public Optional<Path> jarOf(Release release) {
        return release.jar().map(this::resolve).filter(Files::isRegularFile);
    }

    /** @return the bundle's last transaction, empty if it never had one */
    public Optional<Transaction> last(String bsn) throws IOException {
        Path file = recordFile(bsn);
        return Files.exists(file) ? Optional.of(read(file)) : Optional.empty();
    }

    /** @return the record files of every bundle that had a transaction */
    public List<Path> records() throws IOException {
        List<Path> records = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(transactions(), "*.properties")) {
            files.forEach(records::add);
        }
        return records;
    }

    /** @throws IOException if it cannot be read, or is not a transaction record */
    public Transaction read(Path record) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(record)) {
            p.load(in);
            return TransactionFormat.read(p);
        } catch (IllegalArgumentException e) {
            throw new IOException(record + " is not a transaction record: " + e.getMessage(), e);
        }
    }

    /** Replaces the bundle's record with this transaction, durably. */
    public void write(Transaction t) throws IOException {
        DurableFile.write(recordFile(t.bsn()),
                out -> TransactionFormat.write(t).store(out, TransactionFormat.COMMENT));
    }

    /** Removes the kept JARs of a bundle that its transaction record no longer refers to. */
    public void forgetUnused(Transaction t) throws IOException {
        Path folder = dir.resolve("jars").resolve(t.bsn());
        if (!Files.isDirectory(folder)) {
            return;
        }
        Set<Path> used = new HashSet<>();
        for (String jar : t.jars()) {
            used.add(dir.resolve(jar).normalize());
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path f : files) {
                if (!used.contains(f.normalize())) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    /** Deletes what a kill leaves behind and no transaction needs: uploads being received, temporary records. */
    public void deleteLeftovers() throws IOException {
        deleteAll(staging(), "*");
        deleteAll(transactions(), "*.tmp");
    }

    private Path staging() {
        return dir.resolve("staging");
    }

    private Path transactions() {
        return dir.resolve("transactions");
    }

    private Path recordFile(String bsn) {
        return transactions().resolve(bsn + ".properties");
    }

    private static void deleteAll(Path folder, String glob) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, glob)) {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
        }
    }

    private static String sha256(Path file) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buffer = new byte[8192];
                for (int n; (n = in.read(buffer)) > 0;) {
                    digest.update(buffer, 0, n);
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
