package org.lampyris.internal.journal;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

import org.lampyris.internal.durable.DurableFile;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;

/**
 * The framework's persistent bundle cache ({@code org.osgi.framework.storage}), forced to the storage at the moments
 * the platform acknowledges a bundle change. Felix keeps each bundle in an archive folder, {@code bundle<id>/}:
 * {@code bundle.info} (location, persistent start state, start level) and one {@code version<n>.<r>/} folder per
 * revision with its JAR. It forces none of it, and rewrites {@code bundle.info} in place on every start, stop and
 * update; after a power cut it may find that file empty, and then deletes the whole archive, the bundle's data with it.
 * So the management bundle forces a bundle's archive before it answers a start, a stop or a transaction, and the
 * launcher forces what a boot installed.
 */
public final class BundleCache {
    /** Felix's folder for the bundle's own files ({@code BundleContext.getDataFile}): the bundle forces what it needs. */
    private static final String DATA = "data";
    private final Path storage;

    /** @param storage the cache folder, {@code null} when the framework keeps no cache there (nothing is forced) */
    public BundleCache(Path storage) {
        this.storage = storage;
    }

    /** @return the cache of the framework the context belongs to, as its storage property names it */
    public static BundleCache of(BundleContext context) {
        String storage = context.getProperty(Constants.FRAMEWORK_STORAGE);
        return new BundleCache(storage == null || storage.isBlank() ? null : Path.of(storage));
    }

    /**
     * Forces a bundle's archive (every file and folder but its data area) and the cache folder; when the archive is
     * gone (the bundle was uninstalled and refreshed), forces its removal from the cache folder.
     *
     * @throws IOException if the storage did not take it
     */
    public void force(Bundle bundle) throws IOException {
        if (storage == null || !Files.isDirectory(storage)) {
            return;
        }
        Path archive = storage.resolve("bundle" + bundle.getBundleId());
        if (Files.isDirectory(archive)) {
            Files.walkFileTree(archive, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return dir.getParent().equals(archive) && dir.getFileName().toString().equals(DATA)
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (attrs.isRegularFile()) {
                        DurableFile.forceFile(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    DurableFile.forceFolder(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        forceFolder();
    }

    /**
     * Forces the cache folder's entries: archives added, or removed with their bundles.
     *
     * @throws IOException if the storage did not take them
     */
    public void forceFolder() throws IOException {
        if (storage != null && Files.isDirectory(storage)) {
            DurableFile.forceFolder(storage);
        }
    }
}
