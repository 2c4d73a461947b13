package org.lampyris.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lampyris.testkit.SigningKey;

/**
 * The distribution's {@code bin/lampctl} provisioning a street post as a city engineer does: identities added with a
 * secret lampctl makes (printed once) or reads from standard input, rotated and revoked; the code-signing trust store
 * signed by {@code lampctl trust sign}, installed, and a stranger's refused.
 */
class LampctlSecurityTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run lampctl(String stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(LampPost.DIST.resolve("bin/lampctl").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("LAMPCTL_PSK");
        builder.environment().remove("LAMPCTL_STOREPASS");
        Process p = builder.start();
        try (var in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("lampctl " + String.join(" ", args) + " did not exit");
        }
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static String ownEngineer(LampPost post) throws Exception {
        String identity = post.postId + "-engineer";
        return Files.readAllLines(post.dataDir.resolve("security/psk.secret")).stream()
                .filter(l -> l.startsWith(identity + ":")).map(l -> identity + l.substring(l.lastIndexOf(':')))
                .findFirst().orElseThrow();
    }

    @Test
    void anEngineerAddsRotatesAndRevokesIdentitiesWithSecretsThatNeverStandInTheCommandLine() throws Exception {
        try (LampPost post = LampPost.startStreet("ctl-1", dir.resolve("data"))) {
            String host = "127.0.0.1:" + post.dtlsPort;
            String engineer = ownEngineer(post);

            Run added = lampctl(null, "--host", host, "--psk", engineer, "identity", "add", "desk-9", "--role",
                    "operator");
            assertThat(added.exit()).as(added.err()).isZero();
            assertThat(added.out()).matches("desk-9:[0-9a-f]{32}\n");
            assertThat(added.err()).contains("added desk-9 (operator)", "printed once");
            String desk = added.out().strip();
            assertThat(lampctl(null, "--host", host, "--psk", desk, "put", "/light/level", "40").exit()).isZero();

            Run anna = lampctl("anna-typed-secret-0123456\n", "--host", host, "--psk", engineer, "identity", "add",
                    "anna", "--role", "engineer", "--secret-file", "-");
            assertThat(anna.exit()).as(anna.err()).isZero();
            assertThat(anna.out()).isEqualTo(host + ": added anna (engineer)\n");

            Run list = lampctl(null, "--host", host, "--psk", "anna:anna-typed-secret-0123456", "identity", "list");
            assertThat(list.exit()).as(list.err()).isZero();
            assertThat(list.out().lines()).anySatisfy(l -> assertThat(l).matches("desk-9 +psk +operator +file +true"))
                    .anySatisfy(l -> assertThat(l).startsWith("anna "));
            assertThat(list.out()).doesNotContain("anna-typed-secret", desk.substring(7));

            Run rotated = lampctl(null, "--host", host, "--psk", engineer, "identity", "rotate", "desk-9");
            assertThat(rotated.exit()).as(rotated.err()).isZero();
            String newDesk = rotated.out().strip();
            assertThat(newDesk).startsWith("desk-9:").isNotEqualTo(desk);
            assertThat(lampctl(null, "--host", host, "--psk", desk, "--timeout", "3", "get", "/light/level").exit())
                    .as("the old key").isEqualTo(3);
            assertThat(lampctl(null, "--host", host, "--psk", newDesk, "get", "/light/level").exit())
                    .as("the new key").isZero();

            Run revoked = lampctl(null, "--host", host, "--psk", engineer, "identity", "revoke", "desk-9");
            assertThat(revoked.exit()).as(revoked.err()).isZero();
            assertThat(lampctl(null, "--host", host, "--psk", newDesk, "--timeout", "3", "get", "/light/level")
                    .exit()).as("a revoked key").isEqualTo(3);

            Run unknown = lampctl(null, "--host", host, "--psk", engineer, "identity", "revoke", "nobody");
            assertThat(unknown.exit()).isEqualTo(1);
            assertThat(unknown.err()).startsWith("lampctl: " + host
                    + ": DELETE /mgmt/security/identities/nobody: 4.04 Not Found: no identity nobody");
            Run shortSecret = lampctl("short\n", "--host", host, "--psk", engineer, "identity", "add", "bob",
                    "--role", "reader", "--secret-file", "-");
            assertThat(shortSecret.exit()).isEqualTo(1);
            assertThat(shortSecret.err()).contains("4.00 Bad Request", "at least 16").doesNotContain("short\n");
        }
    }

    @Test
    void anEngineerInstallsTheCitysTrustStoreSignedByLampctlAndAStrangersIsRefused() throws Exception {
        SigningKey city = SigningKey.stranger(Files.createDirectories(dir.resolve("city")));
        SigningKey stranger = SigningKey.stranger(Files.createDirectories(dir.resolve("stranger")));
        Path password = Files.writeString(dir.resolve("storepass"), SigningKey.DEVELOPMENT_PASSWORD + "\n");
        Path cityPem = Files.writeString(dir.resolve("city.pem"), city.certificatePem());
        Path strangerPem = Files.writeString(dir.resolve("stranger.pem"), stranger.certificatePem());

        Run sign = lampctl(null, "trust", "sign", cityPem.toString(), "--keystore", city.keystore().toString(),
                "--alias", "signer", "--storepass-file", password.toString(), "--out",
                dir.resolve("city.jar").toString());
        assertThat(sign.exit()).as(sign.err()).isZero();
        Run strangerSign = lampctl(null, "trust", "sign", strangerPem.toString(), "--keystore",
                stranger.keystore().toString(), "--alias", "signer", "--storepass-file", password.toString(), "--out",
                dir.resolve("stranger.jar").toString());
        assertThat(strangerSign.exit()).as(strangerSign.err()).isZero();

        try (LampPost post = LampPost.startStreet("ctl-2", dir.resolve("data"))) {
            String host = "127.0.0.1:" + post.dtlsPort;
            String engineer = ownEngineer(post);
            Run none = lampctl(null, "--host", host, "--psk", engineer, "trust", "show");
            assertThat(none.exit()).as(none.err()).isZero();
            assertThat(none.out()).contains("no code-signing authority is trusted yet");

            Run installed = lampctl(null, "--host", host, "--psk", engineer, "trust", "replace",
                    dir.resolve("city.jar").toString());
            assertThat(installed.exit()).as(installed.err()).isZero();
            assertThat(installed.out()).contains("trust store installed, signed by CN=Stranger");

            Run refused = lampctl(null, "--host", host, "--psk", engineer, "trust", "replace",
                    dir.resolve("stranger.jar").toString());
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.err()).contains("PUT /mgmt/security/trust: 4.03 Forbidden: trust store refused, "
                    + "nothing changed: signed by CN=Stranger, which the trust store");

            Run shown = lampctl(null, "--host", host, "--psk", engineer, "trust", "show");
            assertThat(shown.exit()).as(shown.err()).isZero();
            assertThat(shown.out()).contains("CN=Stranger", "replaceable");
            assertThat(Files.readString(post.dataDir.resolve("security/code-signing-ca.pem")))
                    .isEqualTo(city.certificatePem());
        }
    }
}
