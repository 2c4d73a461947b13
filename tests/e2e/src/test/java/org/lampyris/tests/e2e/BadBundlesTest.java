package org.lampyris.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lampyris.internal.json.Json;
import org.lampyris.testkit.CoapTestClient;
import org.lampyris.testkit.SigningKey;
import org.lampyris.testkit.TestJar;
import org.lampyris.tests.e2e.plugin.ThrowingActivator;

/**
 * Over CoAP against the running distribution: a signed update whose activator throws is reverted automatically, with
 * the old dimming plugin active again and the lamp answering; every kind of bad upload is refused with its reason and
 * leaves nothing in the management directory.
 */
class BadBundlesTest {
    private static final String DIMMING = "org.lampyris.dimming";

    @TempDir
    Path dir;

    @Test
    void aThrowingUpdateIsRevertedAndEveryBadUploadIsRefusedWithItsReason() throws Exception {
        Path base = SignedJars.baseJar(DIMMING);
        byte[] throwing = SignedJars.DEVELOPMENT_SIGNER.sign(throwingDimming(base));
        byte[] good = SignedJars.release(base, "0.9.0");
        byte[] tampered = tamper(good);
        byte[] truncated = Arrays.copyOf(good, good.length / 2);
        byte[] stranger = SigningKey.stranger(dir).sign(Files.readAllBytes(base));
        byte[] notABundle = SignedJars.DEVELOPMENT_SIGNER.sign(TestJar.plain().entry("readme.txt", "not a bundle")
                .bytes());

        LampPost post = LampPost.start("bad-bundles", dir.resolve("data"));
        try (CoapTestClient engineer = CoapTestClient.withPsk(LampPost.ENGINEER)) {
            String before = (String) RemoteUpdateTest.describe(engineer, post).get("version");
            List<String> filesBefore = files(post.dataDir.resolve("mgmt"));

            assertRefused(engineer, post, Files.readAllBytes(base), "not signed");
            assertRefused(engineer, post, tampered, "signature does not match the contents");
            assertRefused(engineer, post, truncated, "not a valid JAR");
            assertRefused(engineer, post, "not a jar at all".getBytes(StandardCharsets.UTF_8), "not a valid JAR");
            assertRefused(engineer, post, stranger, "signed by CN=Stranger, which the trust store");
            assertRefused(engineer, post, notABundle, "not an OSGi bundle");
            assertThat(RemoteUpdateTest.describe(engineer, post)).containsEntry("version", before);
            assertThat(withoutRecords(files(post.dataDir.resolve("mgmt")))).as("nothing staged or kept")
                    .isEqualTo(withoutRecords(filesBefore));
            assertThat(post.journalState(DIMMING)).isIn("refused", "none");

            CoapResponse reverted = RemoteUpdateTest.put(engineer, post, throwing);
            assertThat(reverted.getCode()).as(reverted.getResponseText())
                    .isEqualTo(ResponseCode.UNPROCESSABLE_ENTITY);
            @SuppressWarnings("unchecked")
            Map<String, Object> outcome = (Map<String, Object>) Json.parse(reverted.getPayload());
            assertThat(outcome).containsEntry("outcome", "reverted");
            assertThat((String) outcome.get("reason")).startsWith("reverted to " + before + ": it did not start")
                    .contains("lamp driver missing");
            assertThat(RemoteUpdateTest.describe(engineer, post)).containsEntry("version", before)
                    .containsEntry("state", "ACTIVE");
            CoapClient level = engineer.client(post.uri("/light/level"));
            assertThat(level.get().getCode()).isEqualTo(ResponseCode.CONTENT);
            level.shutdown();
            assertThat(files(post.dataDir.resolve("mgmt"))).as("nothing left staged")
                    .noneMatch(f -> f.startsWith("staging"));
            assertThat(post.journalState(DIMMING)).isEqualTo("reverted");
        } finally {
            post.close();
        }
    }

    private static void assertRefused(CoapTestClient engineer, LampPost post, byte[] upload, String reason)
            throws Exception {
        CoapClient client = engineer.client(post.uri("/mgmt/bundles/" + DIMMING));
        client.setTimeout(30_000L);
        CoapResponse r = client.put(upload, MediaTypeRegistry.APPLICATION_OCTET_STREAM);
        client.shutdown();
        assertThat(r.getCode()).as(r.getResponseText()).isEqualTo(ResponseCode.BAD_REQUEST);
        assertThat(r.getResponseText()).startsWith(reason);
    }

    /** The dimming plugin's classes with an activator that throws, as a broken vendor release would be. */
    private static byte[] throwingDimming(Path base) throws Exception {
        String imports;
        try (JarFile jar = new JarFile(base.toFile())) {
            imports = jar.getManifest().getMainAttributes().getValue("Import-Package");
        }
        if (imports == null || !imports.contains("org.osgi.framework")) {
            imports = (imports == null ? "" : imports + ",") + "org.osgi.framework";
        }
        return TestJar.of(base).header("Bundle-Version", "0.9.1").header("Import-Package", imports)
                .header("Bundle-Activator", ThrowingActivator.class.getName()).classOf(ThrowingActivator.class)
                .bytes();
    }

    /** Flips one bit of a class inside a signed JAR, as a corrupted or doctored download would. */
    private static byte[] tamper(byte[] signedJar) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean done = false;
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(
                new java.io.ByteArrayInputStream(signedJar));
                java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
            for (java.util.zip.ZipEntry e; (e = in.getNextEntry()) != null;) {
                byte[] content = in.readAllBytes();
                if (!done && e.getName().endsWith(".class")) {
                    content[content.length - 1] ^= 1;
                    done = true;
                }
                zip.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                zip.write(content);
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static List<String> withoutRecords(List<String> files) {
        return files.stream().filter(f -> !f.startsWith("transactions")).toList();
    }

    private static List<String> files(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(f -> dir.relativize(f).toString()).sorted().toList();
        }
    }
}
