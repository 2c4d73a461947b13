package org.lampyris.internal.x509;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerKeyFilesTest {
    @TempDir
    Path data;

    @Test
    void aMadeKeyIsOwnerOnlyReadsBackAndComesWithARequest() throws Exception {
        PemCredentials made = ServerKeyFiles.make(data, "elm-12");

        Path key = data.resolve(ServerKeyFiles.KEY);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(data.resolve(ServerKeyFiles.REQUEST)).content().startsWith("-----BEGIN CERTIFICATE REQUEST-----");
        PemCredentials read = ServerKeyFiles.read(data);
        assertThat(read.key()).isEqualTo(made.key());
        assertThat(read.chain()).isEqualTo(made.chain());
    }

    @Test
    void aKeyOthersCanReadIsRefusedNamingTheFile() throws Exception {
        ServerKeyFiles.make(data, "elm-12");
        Path key = data.resolve(ServerKeyFiles.KEY);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> ServerKeyFiles.read(data)).hasMessage("the secret file " + key
                + " can be read or changed by others: make it owner-only (chmod 600)");
    }

    @Test
    void theChainACitysAuthorityIssuedForTheRequestReplacesTheSelfSignedCertificate() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
        PemCredentials made = ServerKeyFiles.make(data, "elm-12");
        Path ca = Files.createDirectories(data.resolve("ca"));
        openssl("req", "-x509", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
                ca.resolve("ca.key").toString(), "-subj", "/CN=City authority", "-days", "30", "-out",
                ca.resolve("ca.pem").toString());
        Path issued = ca.resolve("issued.crt");
        openssl("x509", "-req", "-in", data.resolve(ServerKeyFiles.REQUEST).toString(), "-CA",
                ca.resolve("ca.pem").toString(), "-CAkey", ca.resolve("ca.key").toString(), "-CAcreateserial",
                "-days", "30", "-out", issued.toString());
        Files.writeString(data.resolve(ServerKeyFiles.CITY_CHAIN),
                Files.readString(issued) + Files.readString(ca.resolve("ca.pem")));

        PemCredentials presented = ServerKeyFiles.read(data);
        assertThat(presented.key()).isEqualTo(made.key());
        assertThat(presented.chain()).hasSize(2);
        assertThat(presented.chain().get(0).getIssuerX500Principal().getName()).isEqualTo("CN=City authority");
        assertThat(presented.chain().get(0).getPublicKey()).isEqualTo(made.chain().get(0).getPublicKey());
    }

    @Test
    void aCitysChainForAnotherKeyIsRefusedSayingWhatToDo() throws Exception {
        ServerKeyFiles.make(data, "elm-12");
        X509Pair other = X509Pair.make("elm-13");
        Files.writeString(data.resolve(ServerKeyFiles.CITY_CHAIN), PemCredentials.certificate(other.certificate()));
        assertThatThrownBy(() -> ServerKeyFiles.read(data)).hasMessageContaining(
                data.resolve(ServerKeyFiles.CITY_CHAIN) + " is a certificate (CN=elm-13) for another key than that of "
                        + data.resolve(ServerKeyFiles.KEY)).hasMessageContaining("server.csr");
    }

    private record X509Pair(java.security.KeyPair keys, java.security.cert.X509Certificate certificate) {
        static X509Pair make(String name) throws Exception {
            java.security.KeyPair keys = PostCertificate.newKeyPair();
            return new X509Pair(keys, PostCertificate.selfSigned(keys, name, java.time.Instant.now()));
        }
    }

    private static void openssl(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(output).isZero();
    }
}
