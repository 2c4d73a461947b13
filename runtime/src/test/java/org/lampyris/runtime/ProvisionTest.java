package org.lampyris.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lampyris.internal.x509.PemCredentials;
import org.lampyris.internal.x509.PostCertificate;
import org.lampyris.internal.x509.ServerKeyFiles;

class ProvisionTest {
    private static final String SECRET = "hex:00112233445566778899aabbccddeeff";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void writesTheCitysKeysAuthorityAndServerKeyOwnerOnlyAndPrintsNoSecret() throws Exception {
        Path data = dir.resolve("data");
        KeyPair keys = PostCertificate.newKeyPair();
        X509Certificate certificate = PostCertificate.selfSigned(keys, "elm-12", Instant.now());
        Path key = Files.writeString(dir.resolve("elm-12.key"), PemCredentials.pem("PRIVATE KEY",
                keys.getPrivate().getEncoded()));
        Path cert = Files.writeString(dir.resolve("elm-12.crt"), PemCredentials.certificate(certificate));
        Path ca = Files.writeString(dir.resolve("ca.pem"), PemCredentials.certificate(certificate));
        Path more = Files.writeString(dir.resolve("keys.txt"), "# desk\ndesk-3:operator:a-long-operator-secret\n");

        int code = run("--data", data.toString(), "--psk", "anna:engineer:" + SECRET, "--psk-file", more.toString(),
                "--code-signing-ca", ca.toString(), "--server-key", key.toString(), "--server-cert", cert.toString());

        assertThat(code).as(err.toString()).isZero();
        Path psk = data.resolve("security/psk.secret");
        assertThat(permissions(psk)).isEqualTo("rw-------");
        assertThat(permissions(data.resolve("security"))).isEqualTo("rwx------");
        assertThat(permissions(data.resolve(ServerKeyFiles.KEY))).isEqualTo("rw-------");
        assertThat(Files.readAllLines(psk)).contains("anna:engineer:" + SECRET,
                "desk-3:operator:a-long-operator-secret");
        assertThat(ServerKeyFiles.read(data).key()).isEqualTo(keys.getPrivate());
        assertThat(data.resolve("security/code-signing-ca.pem")).content().startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(out.toString()).contains("wrote " + psk + " (owner-only): 2 pre-shared keys: anna (engineer), "
                + "desk-3 (operator)").contains("the code-signing authority CN=elm-12")
                .contains("SHA-256 fingerprint " + PostCertificate.fingerprint(certificate))
                .doesNotContain("00112233").doesNotContain("a-long-operator-secret");
    }

    @Test
    void aServerKeyReplacesTheChainAndRequestOfTheKeyBefore() throws Exception {
        Path data = dir.resolve("data");
        ServerKeyFiles.make(data, "elm-12");
        Files.writeString(data.resolve(ServerKeyFiles.CITY_CHAIN), "old chain");
        KeyPair keys = PostCertificate.newKeyPair();
        Path key = Files.writeString(dir.resolve("k.pem"), PemCredentials.pem("PRIVATE KEY",
                keys.getPrivate().getEncoded()));
        Path cert = Files.writeString(dir.resolve("c.pem"), PemCredentials.certificate(PostCertificate.selfSigned(keys,
                "elm-12", Instant.now())));

        assertThat(run("--data", data.toString(), "--server-key", key.toString(), "--server-cert", cert.toString()))
                .isZero();
        assertThat(data.resolve(ServerKeyFiles.CITY_CHAIN)).doesNotExist();
        assertThat(data.resolve(ServerKeyFiles.REQUEST)).doesNotExist();
        assertThat(out.toString()).contains("removed " + data.resolve(ServerKeyFiles.CITY_CHAIN));
    }

    @Test
    void badInputIsNamedWithExitCode2AndWritesNothing() throws Exception {
        Path data = dir.resolve("data");
        KeyPair keys = PostCertificate.newKeyPair();
        Path key = Files.writeString(dir.resolve("k.pem"), PemCredentials.pem("PRIVATE KEY",
                PostCertificate.newKeyPair().getPrivate().getEncoded()));
        Path cert = Files.writeString(dir.resolve("c.pem"), PemCredentials.certificate(PostCertificate.selfSigned(keys,
                "elm-12", Instant.now())));
        String d = data.toString();

        assertRefused("--data DIR is needed", "--psk", "anna:engineer:" + SECRET);
        assertRefused("nothing to provision", "--data", d);
        assertRefused("--psk: 'anna' has the role 'admin'; roles are reader, operator, engineer", "--data", d, "--psk",
                "anna:admin:" + SECRET);
        assertRefused("--psk: the secret of 'anna' is 5 bytes; a city's key needs at least 16", "--data", d, "--psk",
                "anna:engineer:short");
        assertRefused("--psk: the secret of 'anna' is not hexadecimal", "--data", d, "--psk", "anna:engineer:hex:zz");
        assertRefused("--psk: an entry is not written identity:role:secret", "--data", d, "--psk",
                "just-a-secret-somebody-pasted");
        assertRefused("'anna' is listed twice", "--data", d, "--psk", "anna:engineer:" + SECRET, "--psk",
                "anna:reader:" + SECRET);
        assertRefused("--server-key needs --server-cert", "--data", d, "--server-key", key.toString());
        assertRefused("the key of --server-key " + key + " does not belong to the certificate CN=elm-12", "--data", d,
                "--server-key", key.toString(), "--server-cert", cert.toString());
        assertRefused("--code-signing-ca " + key + " holds no certificate", "--data", d, "--code-signing-ca",
                key.toString());
        assertRefused("--psk-file " + dir.resolve("none") + " cannot be read: no such file", "--data", d,
                "--psk-file", dir.resolve("none").toString());
        assertRefused("unknown option '--pks'", "--data", d, "--pks", "x");
        assertThat(data).doesNotExist();
        assertThat(err.toString()).doesNotContain("just-a-secret").doesNotContain("00112233");
    }

    private void assertRefused(String message, String... args) {
        err.reset();
        assertThat(run(args)).as(String.join(" ", args)).isEqualTo(2);
        assertThat(err.toString()).startsWith("lampyris provision: ").contains(message);
    }

    private int run(String... args) {
        return Provision.run(new ArrayList<>(List.of(args)), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String permissions(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }
}
