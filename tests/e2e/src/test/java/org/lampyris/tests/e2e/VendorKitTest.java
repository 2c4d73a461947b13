package org.lampyris.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lampyris.testkit.CoapTestClient;

/**
 * The vendor guide (docs/vendor-guide.md), step by step: a project made from the template outside this repository,
 * built with its unit test, its OSGi test and the conformance suite, signed, installed with bin/lampctl on a running
 * post, and its point read over CoAP.
 */
class VendorKitTest {
    private static final String VERSION = System.getProperty("lampyris.version", "0.1.0-SNAPSHOT");

    @TempDir
    Path work;
    @TempDir
    Path data;

    @Test
    void aProjectFromTheTemplateBuildsPassesConformanceAndRunsOnAPost() throws Exception {
        // The plugin by its coordinates: offline, Maven cannot look a plugin prefix up.
        Run generate = run(work, List.of("org.apache.maven.plugins:maven-archetype-plugin:"
                + System.getProperty("lampyris.archetype.plugin", "3.2.1") + ":generate", "-DarchetypeGroupId=org.lampyris",
                "-DarchetypeArtifactId=lampyris-plugin-archetype", "-DarchetypeVersion=" + VERSION,
                "-DgroupId=com.acme", "-DartifactId=com.acme.running", "-Dpackage=com.acme.running", "-Dvendor=acme",
                "-DinteractiveMode=false"));
        assertThat(generate.exit()).as(generate.out()).isZero();
        Path project = work.resolve("com.acme.running");
        assertThat(project.resolve("src/main/java/com/acme/running/ExamplePoint.java")).exists();

        Path keystore = LampPost.DIST.resolve("conf/security/dev-code-signing.p12").toAbsolutePath();
        Run build = run(project, List.of("verify", "-Dsign.keystore=" + keystore, "-Dsign.storepass=lampyris-dev"));
        assertThat(build.exit()).as(build.out()).isZero();
        assertThat(build.out()).contains("Tests run: 1, Failures: 0, Errors: 0");
        String osgiReport = Files.readString(project.resolve("target/test-reports/test/TEST-com.acme.running-tests-1.0.0.xml"));
        assertThat(osgiReport).as("the OSGi test with one conformance test per rule")
                .contains("tests=\"8\"").contains("failures=\"0\"").contains("errors=\"0\"")
                .contains("keepsTheConformanceRules()[7]");
        Path jar = project.resolve("target/com.acme.running-1.0.0.jar");
        Run verify = command(project, List.of(Path.of(System.getProperty("java.home"), "bin", "jarsigner").toString(),
                "-verify", jar.toString()));
        assertThat(verify.out()).contains("jar verified");

        try (LampPost post = LampPost.start("vendor-post", data)) {
            Run install = command(project, List.of(LampPost.DIST.resolve("bin/lampctl").toString(), "--host",
                    "127.0.0.1:" + post.dtlsPort, "--psk", LampPost.ENGINEER, "install", jar.toString()));
            assertThat(install.exit()).as(install.out()).isZero();
            try (CoapTestClient coap = CoapTestClient.withPsk(LampPost.READER)) {
                CoapClient client = coap.client(post.plainUri("/vendor/acme/running"));
                CoapResponse running = client.get();
                client.shutdown();
                assertThat(running.getCode()).isEqualTo(ResponseCode.CONTENT);
                assertThat(Double.parseDouble(running.getResponseText())).isGreaterThanOrEqualTo(0);
                CoapClient discovery = coap.client(post.plainUri("/.well-known/core?rt=acme.*"));
                assertThat(discovery.get().getResponseText()).contains("</vendor/acme/running>");
                discovery.shutdown();
            }
        }
    }

    private record Run(int exit, String out) {
    }

    /** Maven, offline, on this build's local repository, where `mvn install` put the platform and the template. */
    private static Run run(Path dir, List<String> goals) throws Exception {
        List<String> command = new ArrayList<>(List.of("mvn", "-B", "-o"));
        String repo = System.getProperty("lampyris.maven.repo");
        if (repo != null && !repo.isBlank()) {
            command.add("-Dmaven.repo.local=" + repo);
        }
        command.addAll(goals);
        return command(dir, command);
    }

    private static Run command(Path dir, List<String> command) throws Exception {
        Path output = Files.createTempFile("vendor-kit-", ".log");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        process.getOutputStream().close();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 10 minutes");
        }
        String out = Files.readString(output, StandardCharsets.UTF_8);
        Files.delete(output);
        return new Run(process.exitValue(), out);
    }
}
