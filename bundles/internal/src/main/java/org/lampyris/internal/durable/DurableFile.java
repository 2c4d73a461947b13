package org.lampyris.internal.durable;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Set;

/**
 * Replaces a file durably: the content goes to a temporary file in the same folder ({@code <name>.tmp}), which is
 * forced to the storage, renamed over the file in one atomic step, and then the folder itself is forced, because the
 * rename lives in the folder. A kill or a power cut at any moment leaves the old file or the new one, complete, and
 * never a moment with no file; once {@link #write} returns, the new one survives a power cut.
 * <p>
 * Not for two writers of one file at once: they would share the temporary file. Every caller writes its files from
 * one thread.
 */
public final class DurableFile {
    /** What {@code fsync(2)} answers for a file that "does not support synchronization" ({@code EINVAL}). */
    private static final String NOT_SUPPORTED = "Invalid argument";
    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT)
            .startsWith("windows");

    private DurableFile() {
    }

    /** Writes the content of a durable file to its temporary copy. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Replaces {@code file} with these bytes.
     *
     * @throws IOException if they are not durably in place; the old file is then untouched, unless only the last
     *         step (forcing the folder) failed, in which case the new file is in place but may not survive a power cut
     */
    public static void write(Path file, byte[] bytes) throws IOException {
        write(file, out -> out.write(bytes));
    }

    /**
     * Replaces {@code file} with what {@code content} writes. Its folder must exist.
     *
     * @throws IOException as {@link #write(Path, byte[])}, or what {@code content} threw
     */
    public static void write(Path file, Content content) throws IOException {
        write(file, content, new java.nio.file.attribute.FileAttribute<?>[0]);
    }

    /**
     * Replaces {@code file} with what {@code content} writes, in a file made with these attributes (such as POSIX
     * owner-only permissions for a secret), so that its content is never, even for a moment, in a file with others.
     *
     * @throws IOException as {@link #write(Path, Content)}
     */
    public static void write(Path file, Content content, java.nio.file.attribute.FileAttribute<?>... attributes)
            throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            java.util.Set<StandardOpenOption> options = java.util.Set.of(StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            if (attributes.length > 0) {
                // A temporary copy left by a power cut keeps the permissions it was made with: made anew, it gets
                // these.
                Files.deleteIfExists(temporary);
                options = java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            }
            try (FileChannel channel = FileChannel.open(temporary, options, attributes)) {
                OutputStream out = Channels.newOutputStream(channel);
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        forceFolder(file.toAbsolutePath().getParent());
    }

    /**
     * @return whether others than its owner may read or change a file (a secret file must be its owner's only);
     *         false on a file system without POSIX permissions
     * @throws IOException if its permissions cannot be read
     */
    public static boolean othersMayAccess(Path file) throws IOException {
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return false;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        return permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.GROUP_WRITE)
                || permissions.contains(PosixFilePermission.OTHERS_READ)
                || permissions.contains(PosixFilePermission.OTHERS_WRITE);
    }

    /**
     * Replaces a secret file with these bytes, owner-only ({@code rw-------}) from its first byte where the file system
     * has POSIX permissions, creating its folder as {@link #createFolders} does.
     *
     * @throws IOException as {@link #write(Path, byte[])}
     */
    public static void writeOwnerOnly(Path file, byte[] bytes) throws IOException {
        createFolders(file.toAbsolutePath().getParent());
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            write(file, out -> out.write(bytes), java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        } else {
            write(file, bytes);
        }
    }

    /**
     * Creates a folder and the folders above it that are missing, so that they survive a power cut: each new folder's
     * entry is forced in its parent. Folders that exist are left as they are.
     *
     * @return the folder
     * @throws IOException if one cannot be created or forced
     */
    public static Path createFolders(Path folder) throws IOException {
        Deque<Path> missing = new ArrayDeque<>();
        for (Path p = folder.toAbsolutePath(); p != null && !Files.isDirectory(p); p = p.getParent()) {
            missing.push(p);
        }
        for (Path created : missing) {
            try {
                Files.createDirectory(created);
            } catch (FileAlreadyExistsException e) {
                if (!Files.isDirectory(created)) {
                    throw e;
                }
            }
            forceFolder(created.getParent());
        }
        return folder;
    }

    /**
     * Forces a file that was written without being forced (by another program, such as the OSGi framework's bundle
     * cache) to the storage, its content and its size. It must exist.
     *
     * @throws IOException if the storage failed to take it
     */
    public static void forceFile(Path file) throws IOException {
        // Opened for writing (never created nor truncated): Windows flushes a file only through a handle that may
        // write, and POSIX does not mind.
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /**
     * Forces a folder's entries (the names of its files, a rename) to the storage.
     *
     * @throws IOException if the storage failed to take them; not where the platform documents that a folder cannot
     *         be forced (see the comments)
     */
    public static void forceFolder(Path folder) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(folder, StandardOpenOption.READ);
        } catch (AccessDeniedException e) {
            if (WINDOWS && Files.isDirectory(folder)) {
                // Windows cannot open a folder as a channel, so there is nothing to force; NTFS journals the rename
                // itself. Anywhere else a refused folder is a real problem.
                return;
            }
            throw e;
        } catch (UnsupportedOperationException e) {
            // FileChannel.open documents this for a file system provider without channels (an in-memory one, say):
            // there is no storage under it to force.
            return;
        }
        try (channel) {
            channel.force(true);
        } catch (IOException e) {
            // fsync(2) documents EINVAL for a file that does not support synchronization, which some file systems
            // (network and FUSE ones) answer for a folder; the rename is atomic all the same and only its durability
            // is up to the file system. Any other error (EIO: the storage did not take it) is the caller's to report.
            if (!NOT_SUPPORTED.equals(e.getMessage())) {
                throw e;
            }
        }
    }
}
