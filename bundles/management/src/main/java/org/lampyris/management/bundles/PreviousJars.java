package org.lampyris.management.bundles;

import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.lampyris.internal.journal.Journal;
import org.lampyris.internal.journal.Transaction;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;

/**
 * Finds the JAR an installed bundle came from, so that a transaction can go back to it: the JAR kept by its last
 * committed transaction, else the file its location names, else the distribution's {@code bundles/} folder.
 */
final class PreviousJars {
    private final Journal journal;
    private final Path distributionBundles;

    /** @param distributionBundles the distribution's {@code bundles/} folder, {@code null} when unknown */
    PreviousJars(Journal journal, Path distributionBundles) {
        this.journal = journal;
        this.distributionBundles = distributionBundles;
    }

    Optional<Path> of(Bundle bundle) throws IOException {
        String version = bundle.getVersion().toString();
        Optional<Path> kept = journal.last(bundle.getSymbolicName()).flatMap(Transaction::committedRelease)
                .filter(r -> r.version().equals(version)).flatMap(journal::jarOf);
        if (kept.isPresent()) {
            return kept;
        }
        Optional<Path> located = fromLocation(bundle.getLocation()).filter(p -> matches(p, bundle));
        if (located.isPresent()) {
            return located;
        }
        if (distributionBundles != null && Files.isDirectory(distributionBundles)) {
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(distributionBundles, "*.jar")) {
                for (Path jar : jars) {
                    if (matches(jar, bundle)) {
                        return Optional.of(jar);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> fromLocation(String location) {
        String l = location.startsWith("reference:") ? location.substring("reference:".length()) : location;
        try {
            Path p = l.startsWith("file:") ? Path.of(URI.create(l)) : Path.of(l);
            return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static boolean matches(Path jar, Bundle bundle) {
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            Manifest mf = file.getManifest();
            if (mf == null) {
                return false;
            }
            String bsn = mf.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
            String version = mf.getMainAttributes().getValue(Constants.BUNDLE_VERSION);
            return bsn != null && bsn.split(";")[0].trim().equals(bundle.getSymbolicName())
                    && org.osgi.framework.Version.parseVersion(version).equals(bundle.getVersion());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
