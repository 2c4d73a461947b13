package org.lampyris.lampctl;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

/** Bundle JARs made for a test, with random (incompressible) content so that uploads take several blocks. */
final class TestJars {
    private TestJars() {
    }

    static Path bundle(Path dir, String bsn, String version, int contentBytes) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", bsn + ";singleton:=true");
        main.putValue("Bundle-Version", version);
        Path jar = dir.resolve(bsn + "-" + version + ".jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file,
                manifest)) {
            JarEntry entry = new JarEntry("content.bin");
            entry.setMethod(ZipEntry.DEFLATED);
            out.putNextEntry(entry);
            byte[] content = new byte[contentBytes];
            new Random(7).nextBytes(content);
            out.write(content);
            out.closeEntry();
        }
        return jar;
    }
}
