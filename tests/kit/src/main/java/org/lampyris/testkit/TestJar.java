package org.lampyris.testkit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * A JAR built in a test: a bundle with the headers it needs, a plain JAR, or the next release of an existing one.
 * Entries keep the order they were added in. Sign the result with a {@link SigningKey}.
 *
 * <pre>
 * byte[] plugin = TestJar.bundle("vendor.lamp", "1.0.0").header("Bundle-Activator", Lamp.class.getName())
 *         .classOf(Lamp.class).bytes();
 * byte[] next = TestJar.of(plugin).header("Bundle-Version", "1.1.0").bytes();
 * </pre>
 */
public final class TestJar {
    private final Manifest manifest;
    private final Map<String, byte[]> entries;

    private TestJar(Manifest manifest, Map<String, byte[]> entries) {
        this.manifest = manifest;
        this.entries = entries;
    }

    /** @return a JAR whose manifest holds only its version: not a bundle */
    public static TestJar plain() {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        return new TestJar(manifest, new LinkedHashMap<>());
    }

    /** @return a bundle with this symbolic name and version, and no content yet */
    public static TestJar bundle(String symbolicName, String version) {
        return plain().header("Bundle-ManifestVersion", "2").header("Bundle-SymbolicName", symbolicName)
                .header("Bundle-Version", version);
    }

    /** @return the manifest and entries of an existing JAR, to change and write again; its folders are left out */
    public static TestJar of(byte[] jar) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar), false)) {
            Manifest manifest = new Manifest(in.getManifest());
            for (JarEntry e; (e = in.getNextJarEntry()) != null;) {
                if (!e.isDirectory()) {
                    entries.put(e.getName(), in.readAllBytes());
                }
            }
            return new TestJar(manifest, entries);
        } catch (IOException e) {
            throw new UncheckedIOException("not a JAR", e);
        }
    }

    /** @return the manifest and entries of a JAR file */
    public static TestJar of(Path jar) throws IOException {
        return of(Files.readAllBytes(jar));
    }

    /** Sets a main attribute of the manifest, replacing one of the same name. */
    public TestJar header(String name, String value) {
        manifest.getMainAttributes().putValue(name, value);
        return this;
    }

    /** Adds an entry, replacing one of the same name. */
    public TestJar entry(String name, byte[] content) {
        entries.put(name, content.clone());
        return this;
    }

    /** Adds an entry of UTF-8 text. */
    public TestJar entry(String name, String text) {
        return entry(name, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Adds the class file of a class, read from the class loader that loaded it (a test bundle's, inside OSGi). */
    public TestJar classOf(Class<?> type) {
        String name = type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException(name + " is not where " + type + " was loaded from");
            }
            return entry(name, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the JAR */
    public byte[] bytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes, manifest)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new JarEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Writes the JAR to a file.
     *
     * @return the file
     */
    public Path writeTo(Path file) throws IOException {
        return Files.write(file, bytes());
    }
}
