package org.lampyris.tests.osgi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Bundles built at run time from classes of the test bundle, signed with the JDK's jarsigner and the development
 * signer of the distribution (runtime/src/dist/conf/security/dev-code-signing.p12), or with a stranger's key.
 */
final class SignedBundles {
    private final Path work;
    private final Path security;

    SignedBundles(String confDir) throws IOException {
        this.work = Files.createTempDirectory("lampyris-signed");
        this.security = Path.of(confDir, "../../../runtime/src/dist/conf/security").normalize();
    }

    /** A bundle holding one class of the test bundle, as its activator unless a component XML is given. */
    byte[] plugin(String bsn, String version, Class<?> plugin, String componentXml) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", bsn);
        main.putValue("Bundle-Version", version);
        main.putValue("Bundle-Vendor", "Test vendor");
        main.putValue("Import-Package", "org.osgi.framework,org.lampyris.api,org.lampyris.api.point");
        Map<String, byte[]> entries = new LinkedHashMap<>();
        String classEntry = plugin.getName().replace('.', '/') + ".class";
        entries.put(classEntry, classBytes(classEntry));
        if (componentXml == null) {
            main.putValue("Bundle-Activator", plugin.getName());
        } else {
            main.putValue("Service-Component", "OSGI-INF/component.xml");
            entries.put("OSGI-INF/component.xml", componentXml.getBytes(StandardCharsets.UTF_8));
        }
        return jar(manifest, entries);
    }

    /** The same bundle with another Bundle-Version, as a vendor's next release of it would be. */
    static byte[] withVersion(byte[] bundle, String version) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        Manifest manifest;
        try (JarInputStream in = new JarInputStream(new java.io.ByteArrayInputStream(bundle), false)) {
            manifest = new Manifest(in.getManifest());
            for (JarEntry e; (e = in.getNextJarEntry()) != null;) {
                if (!e.isDirectory()) {
                    entries.put(e.getName(), in.readAllBytes());
                }
            }
        }
        manifest.getMainAttributes().putValue("Bundle-Version", version);
        return jar(manifest, entries);
    }

    byte[] signed(byte[] jar) throws IOException, InterruptedException {
        return sign(jar, security.resolve("dev-code-signing.p12"));
    }

    byte[] signedByStranger(byte[] jar) throws IOException, InterruptedException {
        Path keystore = work.resolve("stranger.p12");
        if (!Files.exists(keystore)) {
            run(tool("keytool"), "-genkeypair", "-keystore", keystore.toString(), "-storetype", "PKCS12",
                    "-storepass", "lampyris-dev", "-alias", "signer", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=Stranger", "-validity", "30");
        }
        return sign(jar, keystore);
    }

    private byte[] sign(byte[] jar, Path keystore) throws IOException, InterruptedException {
        Path file = Files.createTempFile(work, "bundle", ".jar");
        Files.write(file, jar);
        run(tool("jarsigner"), "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass",
                "lampyris-dev", file.toString(), "signer");
        return Files.readAllBytes(file);
    }

    private static String tool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }

    static byte[] jar(Manifest manifest, Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes, manifest)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new JarEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private byte[] classBytes(String entry) throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(entry)) {
            if (in == null) {
                throw new IOException(entry + " is not in the test bundle");
            }
            return in.readAllBytes();
        }
    }
}
