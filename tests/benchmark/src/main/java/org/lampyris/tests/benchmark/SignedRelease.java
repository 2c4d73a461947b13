package org.lampyris.tests.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * A newer release of one of the distribution's bundles, made the way a vendor makes one: the distribution's JAR with a
 * higher {@code Bundle-Version} in its manifest, signed with the JDK's {@code jarsigner} and the distribution's
 * development code-signing key ({@code conf/security/dev-code-signing.p12}), which the post's trust store accepts.
 *
 * @param jar          the signed JAR
 * @param symbolicName its Bundle-SymbolicName
 * @param version      its Bundle-Version, the distribution's with the micro part one higher
 */
record SignedRelease(Path jar, String symbolicName, String version) {
    static final String KEYSTORE = "conf/security/dev-code-signing.p12";
    static final String ALIAS = "signer";
    static final String PASSWORD = "lampyris-dev";
    private static final long SIGN_TIMEOUT_SECONDS = 120;

    /**
     * @param distribution the built distribution, whose {@code bundles/{bsn}-*.jar} is copied
     * @param bsn          the bundle's symbolic name
     * @param qualifier    the qualifier of the new version, to tell releases apart in the journal
     * @param dir          where the JAR is written
     * @param onStart      told of the jarsigner process, so that it is stopped if the benchmark is
     */
    static SignedRelease newer(Path distribution, String bsn, String qualifier, Path dir, Consumer<Process> onStart)
            throws IOException, InterruptedException {
        Path original = distributionJar(distribution, bsn);
        Path unsigned = dir.resolve(bsn + "-unsigned.jar");
        Path signed = dir.resolve(bsn + "-" + qualifier + ".jar");
        String version = rewrite(original, unsigned, qualifier);
        sign(distribution, unsigned, signed, onStart);
        Files.deleteIfExists(unsigned);
        return new SignedRelease(signed, bsn, version);
    }

    private static Path distributionJar(Path distribution, String bsn) throws IOException {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(distribution.resolve("bundles"), bsn + "-*.jar")) {
            jars.forEach(found::add);
        }
        if (found.size() != 1) {
            throw new IOException("expected one bundles/" + bsn + "-*.jar in " + distribution + ", found " + found);
        }
        return found.get(0);
    }

    /** Copies every entry and a manifest whose version is one micro step higher; @return that version */
    static String rewrite(Path from, Path to, String qualifier) throws IOException {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(from))) {
            Manifest manifest = in.getManifest();
            if (manifest == null) {
                throw new IOException(from + " has no manifest");
            }
            Attributes main = manifest.getMainAttributes();
            String version = higher(main.getValue("Bundle-Version"), qualifier);
            main.putValue("Bundle-Version", version);
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(to), manifest)) {
                for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                    if (entry.getName().equalsIgnoreCase(JarFile.MANIFEST_NAME)) {
                        continue;
                    }
                    out.putNextEntry(new JarEntry(entry.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
            return version;
        }
    }

    /** @return {@code major.minor.(micro+1).qualifier} */
    static String higher(String version, String qualifier) {
        String[] parts = (version == null ? "0.0.0" : version.trim()).split("\\.", 4);
        int major = Integer.parseInt(parts[0]);
        int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        int micro = parts.length > 2 ? Integer.parseInt(parts[2]) : 0;
        return major + "." + minor + "." + (micro + 1) + "." + qualifier;
    }

    private static void sign(Path distribution, Path unsigned, Path signed, Consumer<Process> onStart)
            throws IOException, InterruptedException {
        Path jarsigner = Path.of(System.getProperty("java.home"), "bin", "jarsigner");
        Path keystore = distribution.resolve(KEYSTORE);
        Path log = signed.resolveSibling(signed.getFileName() + ".jarsigner.log");
        Process process = new ProcessBuilder(jarsigner.toString(), "-keystore", keystore.toString(), "-storetype",
                "PKCS12", "-storepass", PASSWORD, "-signedjar", signed.toString(), unsigned.toString(), ALIAS)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        onStart.accept(process);
        if (!process.waitFor(SIGN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IOException("jarsigner did not finish in " + SIGN_TIMEOUT_SECONDS + " s");
        }
        String output = Files.readString(log, StandardCharsets.UTF_8).strip();
        if (process.exitValue() != 0 || !Files.isRegularFile(signed)) {
            throw new IOException("jarsigner failed (status " + process.exitValue() + "): " + output);
        }
        Files.deleteIfExists(log);
    }

    /** @return the JAR's bytes, as uploaded */
    byte[] bytes() throws IOException {
        return Files.readAllBytes(jar);
    }
}
