package org.lampyris.lampctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line: options anywhere, credentials from options or the environment, and errors that name the problem. */
class CommandLineTest {
    private static final Map<String, String> NO_ENV = Map.of();

    @TempDir
    Path dir;

    @Test
    void optionsMayStandBeforeOrAfterTheCommand() throws Exception {
        CommandLine line = CommandLine.parse(new String[] { "put", "--host", "10.0.0.7", "/light/level",
                "--psk=city-operator:operator-secret", "30", "--format", "JSON", "--timeout", "2.5" }, NO_ENV);

        assertThat(line.command()).isEqualTo("put");
        assertThat(line.arguments()).containsExactly("/light/level", "30");
        assertThat(line.hosts()).containsExactly(new HostAddress(true, "10.0.0.7", 5684));
        assertThat(line.credentials()).isEqualTo(new Credentials.Psk("city-operator", "operator-secret"));
        assertThat(line.format()).isEqualTo("json");
        assertThat(line.timeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(line.patience()).isEqualTo(CommandLine.DEFAULT_PATIENCE);
    }

    @Test
    void aNegativeValueIsAValueNotAnOption() throws Exception {
        CommandLine line = CommandLine.parse(new String[] { "--host", "h", "--psk", "a:b", "put", "/air/temperature",
                "-5" }, NO_ENV);

        assertThat(line.arguments()).containsExactly("/air/temperature", "-5");
    }

    @Test
    void thePreSharedKeyComesFromTheEnvironmentUnlessGiven() throws Exception {
        Map<String, String> env = Map.of("LAMPCTL_PSK", "city-engineer:engineer-secret");

        assertThat(CommandLine.parse(new String[] { "--host", "h", "health" }, env).credentials())
                .isEqualTo(new Credentials.Psk("city-engineer", "engineer-secret"));
        assertThat(CommandLine.parse(new String[] { "--host", "h", "--psk", "x:y", "health" }, env).credentials())
                .isEqualTo(new Credentials.Psk("x", "y"));
        assertThat(new Credentials.Psk("city-engineer", "s3cret").toString()).doesNotContain("s3cret");
    }

    @Test
    void plainCoapReadsNeedNoCredentials() throws Exception {
        CommandLine line = CommandLine.parse(new String[] { "--host", "coap://10.0.0.7", "get", "/light",
                "--accept", "senml" }, NO_ENV);

        assertThat(line.credentials()).isNull();
        assertThat(line.hosts()).containsExactly(new HostAddress(false, "10.0.0.7", 5683));
        assertThat(line.accept()).isEqualTo("senml");
    }

    @Test
    void aCertificateNeedsItsAuthority() throws Exception {
        CommandLine line = CommandLine.parse(new String[] { "--host", "h", "--cert", "e.crt", "--key", "e.key",
                "--ca", "ca.pem", "bundles" }, NO_ENV);

        assertThat(line.credentials()).isEqualTo(new Credentials.Certificate(Path.of("e.crt"), Path.of("e.key"),
                Path.of("ca.pem")));
    }

    @Test
    void aHostsFileAndHostOptionsAddUpInOrder() throws Exception {
        Path file = dir.resolve("hosts");
        Files.writeString(file, "b:6000\n");

        CommandLine line = CommandLine.parse(new String[] { "--host", "a", "--hosts", file.toString(), "--psk",
                "x:y", "rollout", "x.jar", "--rollback" }, NO_ENV);

        assertThat(line.hosts()).extracting(HostAddress::toString).containsExactly("a:5684", "b:6000");
        assertThat(line.rollback()).isTrue();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "--host h --psk x:y                         | no command (see lampctl --help)",
            "--host h --psk x:y launch                  | unknown command launch (see lampctl --help)",
            "--host h --psk x:y get                     | get takes 1 argument, not 0",
            "--host h --psk x:y put /light/level        | put takes 2 arguments, not 1: /light/level",
            "--host h --psk x:y health now              | health takes 0 arguments, not 1: now",
            "--host h --psk x:y get light/level         | get: the path must start with /, not light/level",
            "--host h --psk x:y bundle a/b              | bundle: a/b is not a bundle symbolic name",
            "--psk x:y health                           | no post: give --host HOST[:PORT] or --hosts FILE",
            "--host h health                            | no credentials for coaps://: give --psk IDENTITY:SECRET, --cert CRT --key KEY --ca CA, or set LAMPCTL_PSK",
            "--host h --psk engineer health             | --psk: expected IDENTITY:SECRET",
            "--host h --psk x:y --cert c --ca a health  | give either --psk or --cert, not both",
            "--host h --cert c health                   | --cert needs --ca, the authority that signed the posts' certificates",
            "--host h:99999 --psk x:y health            | host h:99999: port 99999 is not a number from 1 to 65535",
            "--host http://h --psk x:y health           | host http://h: only coaps:// and coap:// are supported",
            "--host ::1 --psk x:y health                | host ::1: write an IPv6 address in brackets, [ADDRESS]:PORT",
            "--host h --psk x:y --timeout 0 health      | --timeout 0: expected seconds, more than 0",
            "--host h --psk x:y --lines many log        | --lines many: expected a whole number, more than 0",
            "--host h --psk x:y --accept xml get /a     | --accept xml: expected one of cbor, json, link, senml, text",
            "--host h --psk x:y --accept json health    | --accept does not apply to health",
            "--host h --psk x:y --verbose health        | unknown option --verbose (see lampctl --help)",
            "--host h --psk x:y health --timeout        | --timeout needs a value",
            "--host coap://h put /light/level 3         | put changes the post, and plain CoAP is read-only: use h (coaps://) instead of coap://h:5683",
            "--host h --psk x:y config p --set [1]      | config --set: expected a JSON object, e.g. {\"night.level\": 40}",
            "--host h --psk x:y config p --set {        | config --set: invalid JSON at offset 1: expected a member name in double quotes, got the end of the input",
    })
    void aWrongCommandLineIsRefusedWithAMessageNamingTheProblem(String args, String message) {
        assertThatThrownBy(() -> CommandLine.parse(args.trim().split("\\s+"), NO_ENV))
                .isInstanceOf(UsageException.class).hasMessage(message);
    }

    @Test
    void helpIsAskedForByOptionOrByNothing() {
        assertThat(CommandLine.wantsHelp(new String[0])).isTrue();
        assertThat(CommandLine.wantsHelp(new String[] { "--host", "h", "--help" })).isTrue();
        assertThat(CommandLine.wantsHelp(new String[] { "--host", "h", "health" })).isFalse();
        assertThat(List.of(CommandLine.COMMANDS.keySet().toArray())).hasSize(16);
    }
}
