package org.lampyris.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lampyris.testkit.CoapTestClient;

/**
 * The vendor guide (docs/vendor-guide.md), step by step, on a machine that has never signed anything (an empty home:
 * no ~/.lampyris): a project made from the template outside this repository builds and passes its unit test, its
 * OSGi test and the conformance suite with a plain {@code mvn verify}, which says the bundle is unsigned; signed with
 * the development key it installs with bin/lampctl on a running post and its point is read over CoAP; a key that
 * cannot sign fails the build saying what is wrong, after the conformance tests have run.
 */
class VendorKitTest {
    private static final String VERSION = System.getProperty("lampyris.version", "0.1.0-SNAPSHOT");
    private static final Path DEV_KEY = LampPost.DIST.resolve("conf/security/dev-code-signing.p12").toAbsolutePath();
    private static final String UNSIGNED = "is not signed";

    @TempDir
    Path work;
    @TempDir
    Path data;
    /** The user's home for every Maven run: a new machine's, with no signing key in it. */
    @TempDir
    Path home;

    @Test
    void aPlainVerifyRunsTheTestsAndTheConformanceSuiteAndSaysInOneLineThatTheBundleIsUnsigned() throws Exception {
        Path project = generate();

        Run build = run(project, List.of("verify"));

        assertThat(build.exit()).as(build.out()).isZero();
        assertThat(build.out()).contains("Tests run: 1, Failures: 0, Errors: 0");
        assertConformanceReported(project);
        List<String> unsigned = build.out().lines().filter(line -> line.contains(UNSIGNED)).toList();
        assertThat(unsigned).as(build.out()).singleElement().asString()
                .contains("com.acme.running-1.0.0.jar", "a lamp post will refuse", "-Dsign.keystore=",
                        "-Dsign.storepass=", "conf/security/dev-code-signing.p12", "lampyris-dev");
        Run verify = jarsigner(project, "-verify", project.resolve("target/com.acme.running-1.0.0.jar").toString());
        assertThat(verify.out()).contains("jar is unsigned");
    }

    @Test
    void aWrongKeystorePasswordFailsTheBuildNamingThePasswordAfterTheConformanceSuiteHasRun() throws Exception {
        Path project = generate();

        Run build = run(project, List.of("verify", "-Dsign.keystore=" + DEV_KEY, "-Dsign.storepass=not-the-password"));

        assertThat(build.exit()).as(build.out()).isNotZero();
        assertThat(build.out())
                .contains("Cannot sign: the password (sign.storepass) is wrong for the keystore " + DEV_KEY)
                .doesNotContain(UNSIGNED);
        assertConformanceReported(project);
    }

    @Test
    void aMissingKeystoreOrAnUnknownAliasFailsTheBuildNamingWhich() throws Exception {
        Path project = generate();
        Path missing = work.resolve("no-such-key.p12");

        // Without the tests, which the two cases above run: only the key check differs.
        Run noKeystore = run(project, List.of("verify", "-DskipTests", "-Dsign.keystore=" + missing,
                "-Dsign.storepass=lampyris-dev"));
        Run noAlias = run(project, List.of("verify", "-DskipTests", "-Dsign.keystore=" + DEV_KEY,
                "-Dsign.storepass=lampyris-dev", "-Dsign.alias=someone-else"));

        assertThat(noKeystore.exit()).as(noKeystore.out()).isNotZero();
        assertThat(noKeystore.out())
                .contains("Cannot sign: the keystore " + missing + " (sign.keystore) does not exist");
        assertThat(noAlias.exit()).as(noAlias.out()).isNotZero();
        assertThat(noAlias.out()).contains(
                "Cannot sign: the keystore " + DEV_KEY + " has no key with the alias someone-else (sign.alias)");
    }

    @Test
    void aProjectSignedWithTheDevelopmentKeyVerifiesAndRunsOnAPost() throws Exception {
        Path project = generate();

        // The tests and the conformance suite ran in the plain case: here the signing and the post are what count.
        Run build = run(project, List.of("verify", "-DskipTests", "-Dsign.keystore=" + DEV_KEY,
                "-Dsign.storepass=lampyris-dev"));
        assertThat(build.exit()).as(build.out()).isZero();
        assertThat(build.out()).doesNotContain(UNSIGNED);
        Path jar = project.resolve("target/com.acme.running-1.0.0.jar");
        assertThat(jarsigner(project, "-verify", jar.toString()).out()).contains("jar verified");

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
                String links = discovery.get().getResponseText();
                assertThat(links).contains("</vendor/acme/running>");
                // the template's FollowingPoint follows the post's luminaire and is observable
                assertThat(links).containsPattern("</vendor/acme/lamp-hours>[^,]*;obs");
                discovery.shutdown();
            }
        }
    }

    /** Step 1 of the guide: a new project from the template, in its own folder under {@link #work}. */
    private Path generate() throws Exception {
        // The plugin by its coordinates: offline, Maven cannot look a plugin prefix up.
        Run generate = run(work, List.of("org.apache.maven.plugins:maven-archetype-plugin:"
                + System.getProperty("lampyris.archetype.plugin", "3.2.1") + ":generate", "-DarchetypeGroupId=org.lampyris",
                "-DarchetypeArtifactId=lampyris-plugin-archetype", "-DarchetypeVersion=" + VERSION,
                "-DgroupId=com.acme", "-DartifactId=com.acme.running", "-Dpackage=com.acme.running", "-Dvendor=acme",
                "-DinteractiveMode=false"));
        assertThat(generate.exit()).as(generate.out()).isZero();
        Path project = work.resolve("com.acme.running");
        assertThat(project.resolve("src/main/java/com/acme/running/ExamplePoint.java")).exists();
        return project;
    }

    private static void assertConformanceReported(Path project) throws Exception {
        String osgiReport = Files.readString(project.resolve("target/test-reports/test/TEST-com.acme.running-tests-1.0.0.xml"));
        // the template's two point tests and one conformance test per rule
        assertThat(osgiReport).as("the OSGi test with one conformance test per rule")
                .contains("tests=\"9\"").contains("failures=\"0\"").contains("errors=\"0\"")
                .contains("keepsTheConformanceRules()[7]").contains("theLampHoursFollowTheSimulatedLuminaire()");
    }

    private static Run jarsigner(Path dir, String... arguments) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "jarsigner").toString());
        command.addAll(List.of(arguments));
        return command(dir, command);
    }

    private record Run(int exit, String out) {
    }

    /**
     * Maven, offline, on this build's local repository, where `mvn install` put the platform and the template, with
     * {@link #home} as the user's home when that repository is known (so that it is not looked for under the home).
     */
    private Run run(Path dir, List<String> goals) throws Exception {
        List<String> command = new ArrayList<>(List.of("mvn", "-B", "-o"));
        String repo = System.getProperty("lampyris.maven.repo");
        Map<String, String> environment = new HashMap<>();
        if (repo != null && !repo.isBlank()) {
            command.add("-Dmaven.repo.local=" + repo);
            environment.put("HOME", home.toString());
            String options = System.getenv().getOrDefault("MAVEN_OPTS", "");
            environment.put("MAVEN_OPTS", (options + " -Duser.home=" + home).trim());
        }
        command.addAll(goals);
        return command(dir, command, environment);
    }

    private static Run command(Path dir, List<String> command) throws Exception {
        return command(dir, command, Map.of());
    }

    private static Run command(Path dir, List<String> command, Map<String, String> environment) throws Exception {
        Path output = Files.createTempFile("vendor-kit-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
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
