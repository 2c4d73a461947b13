package org.lampyris.tests.osgi;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** Builds a one-class plugin bundle at run time from a class of the test bundle, which is its activator. */
final class TestBundles {
    private TestBundles() {
    }

    /**
     * Packs the class into a bundle of its own named {@code prefix + simple name}, installs and starts it.
     *
     * @param moreImports packages to import besides the framework and the point API
     */
    static Bundle install(BundleContext context, String prefix, Class<?> plugin, String... moreImports)
            throws Exception {
        String name = prefix + plugin.getSimpleName().toLowerCase();
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", name);
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Bundle-Activator", plugin.getName());
        main.putValue("Import-Package", String.join(",", Stream.concat(Stream.of("org.osgi.framework",
                "org.lampyris.api", "org.lampyris.api.point"), Stream.of(moreImports)).toList()));
        ByteArrayOutputStream jar = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(jar, manifest)) {
            String entry = plugin.getName().replace('.', '/') + ".class";
            out.putNextEntry(new JarEntry(entry));
            out.write(classBytes(entry));
            out.closeEntry();
        }
        Bundle bundle = context.installBundle("test:" + name, new ByteArrayInputStream(jar.toByteArray()));
        bundle.start();
        return bundle;
    }

    private static byte[] classBytes(String entry) throws IOException {
        try (InputStream in = TestBundles.class.getClassLoader().getResourceAsStream(entry)) {
            if (in == null) {
                throw new IOException(entry + " is not in the test bundle");
            }
            return in.readAllBytes();
        }
    }
}
