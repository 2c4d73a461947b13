package org.lampyris.lampctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The command line as an engineer types it: options before or after the command, credentials from options or the
 * environment, help for lampctl and for each command, and errors that name the problem.
 */
class CommandLineTest {
    static FakePost post;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        post = new FakePost("1.0.0");
    }

    @AfterAll
    static void stop() {
        post.close();
    }

    @Test
    void optionsMayStandBeforeOrAfterTheCommandWithOrWithoutAnEqualsSign() {
        Run put = Run.of("put", "--host", post.host(), "/light/level", "--psk=" + FakePost.PSK, "30", "--format",
                "TEXT", "--timeout", "2.5");
        Run get = Run.of("--host=" + post.host(), "GET", "--psk", FakePost.PSK, "/light/level");

        assertThat(put.exit()).as(put.err()).isEqualTo(ExitCode.SUCCESS);
        assertThat(put.out()).isEqualTo("2.04 Changed\n");
        assertThat(get.out()).isEqualTo("30\n");
    }

    @Test
    void aNegativeValueIsAValueNotAnOption() {
        Run put = Run.of("--host", post.host(), "--psk", FakePost.PSK, "put", "/light/level", "-5");
        Run get = Run.of("--host", post.host(), "--psk", FakePost.PSK, "get", "/light/level");

        assertThat(put.exit()).as(put.err()).isEqualTo(ExitCode.SUCCESS);
        assertThat(get.out()).isEqualTo("-5\n");
    }

    @Test
    void thePreSharedKeyComesFromTheEnvironmentUnlessGiven() {
        Run fromEnv = Run.withEnv(Map.of("LAMPCTL_PSK", FakePost.PSK), "--host", post.host(), "bundle",
                FakePost.BSN);
        Run given = Run.withEnv(Map.of("LAMPCTL_PSK", "city-engineer:wrong-secret"), "--host", post.host(), "--psk",
                FakePost.PSK, "bundle", FakePost.BSN);

        assertThat(fromEnv.exit()).as(fromEnv.err()).isEqualTo(ExitCode.SUCCESS);
        assertThat(given.exit()).as(given.err()).isEqualTo(ExitCode.SUCCESS);
        assertThat(new Credentials.Psk("city-engineer", "s3cret").toString()).doesNotContain("s3cret");
    }

    @Test
    void aReadOverPlainCoapAsksForNoCredentials() throws Exception {
        String nobody = "coap://127.0.0.1:" + RolloutTest.freePort();

        Run run = Run.of("--host", nobody, "--timeout", "1", "get", "/light", "--accept", "senml");

        assertThat(run.exit()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(run.err()).isEqualTo("lampctl: " + nobody + ": GET /light: no answer within 1 s (unreachable)\n");
    }

    @Test
    void aHostsFileAndHostOptionsAddUpInOrder() throws Exception {
        try (FakePost second = new FakePost("2.0.0")) {
            Path hosts = dir.resolve("hosts");
            Files.writeString(hosts, second.host() + "\n");

            Run run = Run.of("--hosts", hosts.toString(), "--psk", FakePost.PSK, "bundle", FakePost.BSN, "--host",
                    post.host());

            assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.SUCCESS);
            assertThat(run.out()).containsSubsequence("# " + second.host(), "version: 2.0.0", "# " + post.host(),
                    "version: 1.0.0");
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "--host h --psk x:y                         | no command (see lampctl --help)",
            "--host h --psk x:y launch                  | unknown command launch (see lampctl --help)",
            "--host h --psk x:y get                     | get: missing PATH (see lampctl get --help)",
            "--host h --psk x:y put /light/level        | put: missing VALUE (see lampctl put --help)",
            "--host h --psk x:y health now              | health: unexpected argument now (see lampctl health --help)",
            "--host h --psk x:y get light/level         | get: the path must start with /, not light/level",
            "--host h --psk x:y bundle a/b              | bundle: a/b is not a bundle symbolic name",
            "--psk x:y health                           | no post: give --host HOST[:PORT] or --hosts FILE",
            "--host h health                            | no credentials for coaps://: give --psk IDENTITY:SECRET, --cert CRT --key KEY --ca CA, or set LAMPCTL_PSK",
            "--host h --psk engineer health             | --psk: expected IDENTITY:SECRET",
            "--host h --psk x:y --cert c --ca a health  | give either --psk or --cert, not both",
            "--host h --cert c health                   | --cert needs --ca, the authority that signed the posts' certificates",
            "--host h --key k --ca a health             | --key and --ca need --cert",
            "--host h:99999 --psk x:y health            | host h:99999: port 99999 is not a number from 1 to 65535",
            "--host http://h --psk x:y health           | host http://h: only coaps:// and coap:// are supported",
            "--host ::1 --psk x:y health                | host ::1: write an IPv6 address in brackets, [ADDRESS]:PORT",
            "--host h --psk x:y --timeout 0 health      | --timeout 0: expected seconds, more than 0",
            "--host h --psk x:y log --lines many        | --lines many: expected a whole number, more than 0",
            "--host h --psk x:y get /a --accept xml     | --accept xml: expected one of cbor, json, link, senml, text",
            "--host h --psk x:y put /a 1 --format cbor  | --format cbor: expected one of json, senml, text",
            "--host h --psk x:y health --accept json    | --accept does not apply to health",
            "--host h --psk x:y --accept json get /a    | --accept belongs after its command (get, observe)",
            "--host h --psk x:y --verbose health        | unknown option --verbose (see lampctl --help)",
            "--host h --psk x:y health --timeout        | --timeout needs a value",
            "--host coap://h put /light/level 3         | put changes the post, and plain CoAP is read-only: use h (coaps://) instead of coap://h:5683",
            "--host h --psk x:y config p --set [1]      | --set [1]: expected a JSON object, e.g. {\"night.level\": 40}",
            "--host h --psk x:y config p --set {        | --set {: invalid JSON at offset 1: expected a member name in double quotes, got the end of the input",
            "--host h --psk x:y update absent.jar       | absent.jar: no such file",
            "--host h --psk x:y help launch             | unknown command launch (see lampctl --help)",
    })
    void aWrongCommandLineIsRefusedWithOneLineNamingTheProblemAndSendsNothing(String args, String message) {
        Run run = Run.of(args.trim().split("\\s+"));

        assertThat(run.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).isEqualTo("lampctl: " + message + "\n");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void helpIsAskedForByOptionByCommandOrByNothing() {
        assertThat(Run.of().out()).startsWith("Usage: lampctl [OPTIONS] COMMAND");
        assertThat(Run.of("--host", "h", "--help").out()).startsWith("Usage: lampctl [OPTIONS] COMMAND");
        Run get = Run.of("get", "--help");
        Run rollout = Run.of("help", "rollout");

        assertThat(get.exit()).isEqualTo(ExitCode.SUCCESS);
        assertThat(get.out()).startsWith("Usage: lampctl get [OPTIONS] PATH").contains("--accept", "--host")
                .doesNotContain("--rollback");
        assertThat(rollout.out()).startsWith("Usage: lampctl rollout [OPTIONS] JAR").contains("--rollback");
    }
}
