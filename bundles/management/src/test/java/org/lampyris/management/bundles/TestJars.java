package org.lampyris.management.bundles;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Small JARs built in the test and signed with the JDK's own jarsigner. */
final class TestJars {
    static final Path SECURITY = Path.of("../../runtime/src/dist/conf/security").toAbsolutePath().normalize();
    static final Path DEV_KEYSTORE = SECURITY.resolve("dev-code-signing.p12");
    static final Path DEV_TRUST = SECURITY.resolve("code-signing-ca.pem");
    static final String DEV_PASSWORD = "lampyris-dev";

    private TestJars() {
    }

    static Path bundle(Path dir, String bsn, String version) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (bsn != null) {
            main.putValue("Bundle-ManifestVersion", "2");
            main.putValue("Bundle-SymbolicName", bsn);
            main.putValue("Bundle-Version", version);
        }
        Path jar = dir.resolve((bsn == null ? "plain" : bsn) + "-" + version + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.putNextEntry(new JarEntry("org/example/Data.txt"));
            out.write("lamp data".getBytes());
            out.closeEntry();
        }
        return jar;
    }

    static Path sign(Path jar, Path keystore, String password) throws IOException, InterruptedException {
        Path jarsigner = Path.of(System.getProperty("java.home"), "bin", "jarsigner");
        Process p = new ProcessBuilder(jarsigner.toString(), "-keystore", keystore.toString(), "-storetype",
                "PKCS12", "-storepass", password, jar.toString(), "signer").redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("jarsigner failed: " + output);
        }
        return jar;
    }

    /** A self-signed signer that no trust store knows. */
    static Path strangerKeystore(Path dir) throws IOException, InterruptedException {
        Path keystore = dir.resolve("stranger.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-keystore", keystore.toString(),
                "-storetype", "PKCS12", "-storepass", DEV_PASSWORD, "-alias", "signer", "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", "CN=Stranger", "-validity", "30").redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        return keystore;
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
