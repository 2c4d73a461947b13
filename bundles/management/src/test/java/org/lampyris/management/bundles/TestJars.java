package org.lampyris.management.bundles;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.lampyris.testkit.SigningKey;
import org.lampyris.testkit.TestJar;

/** Small JARs built in the test (with the test kit) and signed with the distribution's development signer. */
final class TestJars {
    private static final Path SECURITY = Path.of("../../runtime/src/dist/conf/security").toAbsolutePath().normalize();
    static final Path DEV_TRUST = SECURITY.resolve("code-signing-ca.pem");
    static final SigningKey DEVELOPMENT_SIGNER = SigningKey.development(SECURITY.resolve("dev-code-signing.p12"));

    private TestJars() {
    }

    /** @return a bundle holding one data file, or a plain JAR when {@code bsn} is {@code null} */
    static Path bundle(Path dir, String bsn, String version) throws IOException {
        TestJar jar = bsn == null ? TestJar.plain() : TestJar.bundle(bsn, version);
        return jar.entry("org/example/Data.txt", "lamp data")
                .writeTo(dir.resolve((bsn == null ? "plain" : bsn) + "-" + version + ".jar"));
    }

    /** Rewrites a JAR entry by entry, letting {@code change} alter the entries' contents. */
    static Path rewrite(Path jar, Path target, UnaryOperator<Map<String, byte[]>> change) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null;) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        Map<String, byte[]> changed = change.apply(entries);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : changed.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        Files.write(target, bytes.toByteArray());
        return target;
    }

    static List<String> names(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(f -> dir.relativize(f).toString()).sorted().toList();
        }
    }
}
