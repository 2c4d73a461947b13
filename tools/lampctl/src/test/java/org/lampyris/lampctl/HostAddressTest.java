package org.lampyris.lampctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Posts as an engineer names them, on the command line and in a hosts file. */
class HostAddressTest {
    @TempDir
    Path dir;

    @Test
    void aPostIsReachedOverDtlsOnPort5684UnlessTheEngineerSaysOtherwise() throws Exception {
        assertThat(HostAddress.parse("10.0.4.17")).isEqualTo(new HostAddress(true, "10.0.4.17", 5684));
        assertThat(HostAddress.parse("lamp-17.city.example:6000"))
                .isEqualTo(new HostAddress(true, "lamp-17.city.example", 6000));
        assertThat(HostAddress.parse("coaps://10.0.4.17/")).isEqualTo(new HostAddress(true, "10.0.4.17", 5684));
        assertThat(HostAddress.parse("coap://10.0.4.17")).isEqualTo(new HostAddress(false, "10.0.4.17", 5683));
        assertThat(HostAddress.parse("[::1]:7000")).isEqualTo(new HostAddress(true, "::1", 7000));
    }

    @Test
    void aPostReadsInMessagesAsItWasNamedAndItsUriCarriesTheScheme() throws Exception {
        assertThat(HostAddress.parse("127.0.0.1").toString()).isEqualTo("127.0.0.1:5684");
        assertThat(HostAddress.parse("coap://127.0.0.1").toString()).isEqualTo("coap://127.0.0.1:5683");
        assertThat(HostAddress.parse("[::1]").uri("/light/level")).isEqualTo("coaps://[::1]:5684/light/level");
    }

    @Test
    void aHostsFileHasOnePostPerLineWithCommentsAndBlankLines() throws Exception {
        Path file = dir.resolve("elm-street.txt");
        Files.writeString(file, "# Elm Street, canary first\n10.0.4.17   # elm-1\n\n  10.0.4.18:6000\ncoap://10.0.4.19\n");

        assertThat(HostAddress.readFile(file)).containsExactly(new HostAddress(true, "10.0.4.17", 5684),
                new HostAddress(true, "10.0.4.18", 6000), new HostAddress(false, "10.0.4.19", 5683));
    }

    @Test
    void aBadLineIsNamedWithItsNumber() throws Exception {
        Path file = dir.resolve("hosts");
        Files.writeString(file, "10.0.4.17\n10.0.4.18:port\n");

        assertThatThrownBy(() -> HostAddress.readFile(file)).isInstanceOf(UsageException.class)
                .hasMessage("hosts file " + file + " line 2: host 10.0.4.18:port: port port is not a number from 1 "
                        + "to 65535");
    }

    @Test
    void anEmptyOrMissingHostsFileIsAnError() throws Exception {
        Path empty = dir.resolve("empty");
        Files.writeString(empty, "# nobody yet\n");

        assertThatThrownBy(() -> HostAddress.readFile(empty)).hasMessage("hosts file " + empty + " names no host");
        assertThatThrownBy(() -> HostAddress.readFile(dir.resolve("missing")))
                .hasMessageStartingWith("hosts file " + dir.resolve("missing") + ": cannot read it");
    }
}
