package org.lampyris.management.bundles;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The management directory on disk ({@code <data dir>/mgmt}): uploads being received ({@code staging/}), the JARs
 * that a transaction may go back to or forward to ({@code jars/<bsn>/<version>-<sha256 prefix>.jar}) and the
 * transaction records ({@code transactions/<bsn>.properties}, see {@link Transaction}).
 * <p>
 * Every file is written in full to a temporary name, forced to the disk, renamed over its final name in one atomic
 * step, and the directory is forced too: a kill or a power cut leaves either the old file or the new one.
 */
final class Journal {
    private final Path dir;

    Journal(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(staging());
        Files.createDirectories(dir.resolve("jars"));
        Files.createDirectories(dir.resolve("transactions"));
    }

    Path dir() {
        return dir;
    }

    Path staging() {
        return dir.resolve("staging");
    }

    /** Writes an upload to the staging area, on disk before anything else looks at it. */
    Path stage(String transactionId, byte[] body) throws IOException {
        Path file = staging().resolve(transactionId + ".jar");
        writeDurably(file, out -> out.write(body));
        return file;
    }

    /**
     * Keeps a JAR for as long as a transaction may need it.
     *
     * @return its path relative to the management directory
     */
    String keep(Path jar, String bsn, String version) throws IOException {
        String name = version + "-" + sha256(jar).substring(0, 16) + ".jar";
        Path target = dir.resolve("jars").resolve(bsn).resolve(name);
        if (!Files.exists(target)) {
            Files.createDirectories(target.getParent());
            writeDurably(target, out -> Files.copy(jar, out));
        }
        return dir.relativize(target).toString().replace('\\', '/');
    }

    Path resolve(String relativeJar) {
        return dir.resolve(relativeJar);
    }

    Optional<Transaction> last(String bsn) throws IOException {
        Path file = recordFile(bsn);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        return Optional.of(Transaction.fromProperties(p));
    }

    void write(Transaction t) throws IOException {
        writeDurably(recordFile(t.bsn()), out -> t.toProperties().store(out, "Lampyris bundle transaction"));
    }

    /** Removes the stored JARs of a bundle that its transaction record no longer refers to. */
    void forgetUnused(Transaction t) throws IOException {
        Path folder = dir.resolve("jars").resolve(t.bsn());
        if (!Files.isDirectory(folder)) {
            return;
        }
        Set<Path> used = new HashSet<>();
        for (String jar : new String[] { t.fromJar(), t.toJar(), t.committedJar(), t.previousJar() }) {
            if (!jar.isEmpty()) {
                used.add(dir.resolve(jar).normalize());
            }
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path f : files) {
                if (!used.contains(f.normalize())) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    private Path recordFile(String bsn) {
        return dir.resolve("transactions").resolve(bsn + ".properties");
    }

    interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /** Writes to a temporary file, forces it, renames it atomically over {@code file} and forces the directory. */
    static void writeDurably(Path file, Writer writer) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            OutputStream out = java.nio.channels.Channels.newOutputStream(channel);
            writer.write(out);
            out.flush();
            channel.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(file.getParent());
    }

    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems cannot open a directory for forcing; the rename is atomic all the same.
        }
    }

    static String sha256(Path file) throws IOException {
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
