package org.lampyris.tests.e2e;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * New releases of the distribution's own bundles, as a vendor would ship them: the same bundle with a higher
 * Bundle-Version, signed with the JDK's jarsigner and the distribution's development signer.
 */
final class SignedJars {
    private SignedJars() {
    }

    /** @return the distribution's JAR of that bundle */
    static Path baseJar(String symbolicName) throws IOException {
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(LampPost.DIST.resolve("bundles"),
                symbolicName + "-*.jar")) {
            for (Path jar : jars) {
                return jar;
            }
        }
        throw new IOException("no " + symbolicName + " in " + LampPost.DIST.resolve("bundles"));
    }

    /** @return the bundle with another version, signed by the development signer */
    static byte[] release(Path baseJar, String version, Path work) throws IOException, InterruptedException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        Manifest manifest;
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(Files.readAllBytes(baseJar)), false)) {
            manifest = new Manifest(in.getManifest());
            for (JarEntry e; (e = in.getNextJarEntry()) != null;) {
                if (!e.isDirectory()) {
                    entries.put(e.getName(), in.readAllBytes());
                }
            }
        }
        manifest.getMainAttributes().putValue("Bundle-Version", version);
        Path file = Files.createTempFile(work, "release", ".jar");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes, manifest)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new JarEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        Files.write(file, bytes.toByteArray());
        Path keystore = LampPost.DIST.resolve("conf/security/dev-code-signing.p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jarsigner").toString(),
                "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", "lampyris-dev",
                file.toString(), "signer").redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("jarsigner failed: " + output);
        }
        byte[] signed = Files.readAllBytes(file);
        Files.delete(file);
        return signed;
    }
}
