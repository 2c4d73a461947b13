package org.lampyris.lampctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The identity and trust commands refuse a command line they cannot run, naming the problem, before any request. */
class SecurityCommandLineTest {
    @TempDir
    Path dir;

    @Test
    void identityAndTrustNeedACommandOfTheirOwn() {
        Run identity = Run.of("--host", "127.0.0.1", "identity");
        Run trust = Run.of("trust");

        assertThat(identity.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(identity.err()).contains("identity needs a command: list, add, rotate or revoke");
        assertThat(trust.err()).contains("trust needs a command: show, replace or sign");
    }

    @Test
    void aSecretFileThatIsNotThereOrEmptyIsNamedAndTheSecretNeverShown() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.secret"), "\n");

        Run missing = Run.withEnv(Map.of("LAMPCTL_PSK", "a:b"), "--host", "127.0.0.1", "identity", "add", "anna",
                "--role", "engineer", "--secret-file", dir.resolve("nothing").toString());
        Run blank = Run.withEnv(Map.of("LAMPCTL_PSK", "a:b"), "--host", "127.0.0.1", "identity", "add", "anna",
                "--role", "engineer", "--secret-file", empty.toString());
        Run keep = Run.of("--host", "127.0.0.1", "identity", "rotate", "anna", "--keep-secret");

        assertThat(missing.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(missing.err()).contains("--secret-file " + dir.resolve("nothing") + ": no such file");
        assertThat(blank.err()).contains("holds no secret on its first line");
        assertThat(keep.err()).contains("--keep-secret goes with --role");
    }

    @Test
    void trustSignRefusesAPemWithAPrivateKeyOrWithoutACertificate() throws Exception {
        Path key = Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n"
                + "-----END PRIVATE KEY-----\n");
        Path words = Files.writeString(dir.resolve("words.pem"), "no certificate here\n");
        Path password = Files.writeString(dir.resolve("pass"), "x\n");

        Run withKey = Run.of("trust", "sign", key.toString(), "--keystore", "k.p12", "--alias", "a",
                "--storepass-file", password.toString(), "--out", dir.resolve("t.jar").toString());
        Run withoutCertificate = Run.of("trust", "sign", words.toString(), "--keystore", "k.p12", "--alias", "a",
                "--storepass-file", password.toString(), "--out", dir.resolve("t.jar").toString());

        assertThat(withKey.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(withKey.err()).contains("holds a private key");
        assertThat(withoutCertificate.err()).contains("holds no certificate");
        assertThat(dir.resolve("t.jar")).doesNotExist();
    }
}
