package org.lampyris.lampctl;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;

/**
 * A bundle JAR to install or update: its bytes, and the symbolic name and version its manifest declares, which name
 * the resource it goes to ({@code /mgmt/bundles/{symbolic-name}}).
 *
 * @param file where it was read from
 * @param bytes the whole JAR, sent as it is (a signed JAR must arrive byte for byte)
 * @param symbolicName Bundle-SymbolicName without its directives
 * @param version Bundle-Version, or {@code 0.0.0} when it declares none
 */
record BundleJar(Path file, byte[] bytes, String symbolicName, String version) {

    /** @throws UsageException when the file cannot be read or is not a bundle */
    static BundleJar read(Path file) throws UsageException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UsageException(file + ": no such file");
        } catch (IOException e) {
            throw new UsageException(file + ": cannot read it (" + e.getMessage() + ")");
        }
        Manifest manifest;
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(bytes), false)) {
            manifest = in.getManifest();
        } catch (IOException | SecurityException e) {
            throw new UsageException(file + ": not a JAR (" + e.getMessage() + ")");
        }
        if (manifest == null) {
            throw new UsageException(file + ": not a bundle, the JAR has no manifest");
        }
        Attributes main = manifest.getMainAttributes();
        String bsn = main.getValue("Bundle-SymbolicName");
        if (bsn == null || bsn.isBlank()) {
            throw new UsageException(file + ": not a bundle, its manifest has no Bundle-SymbolicName");
        }
        int semicolon = bsn.indexOf(';');
        bsn = (semicolon < 0 ? bsn : bsn.substring(0, semicolon)).trim();
        String version = main.getValue("Bundle-Version");
        return new BundleJar(file, bytes, bsn, version == null || version.isBlank() ? "0.0.0" : version.trim());
    }
}
