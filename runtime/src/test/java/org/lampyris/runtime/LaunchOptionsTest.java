package org.lampyris.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class LaunchOptionsTest {

    @Test
    void withoutOptionsAPostListensOnTheStandardCoapPorts() {
        LaunchOptions o = LaunchOptions.parse(List.of());
        assertThat(o.port()).isEqualTo(5683);
        assertThat(o.dtlsPort()).isEqualTo(5684);
        assertThat(o.dataDir()).isEqualTo(Path.of("data"));
        assertThat(o.postId()).isEqualTo("post-1");
        assertThat(o.clockSpeed()).isEqualTo(1.0);
    }

    @Test
    void aPostIsAStreetPostUnlessStartedWithDev() {
        assertThat(LaunchOptions.parse(List.of()).development()).isFalse();
        assertThat(LaunchOptions.parse(List.of("--port", "6000", "--dev")).development()).isTrue();
        assertThat(LaunchOptions.parse(List.of("--dev", "--port", "6000")).port()).isEqualTo(6000);
    }

    @Test
    void everyOptionIsTakenInBothSpellings() {
        LaunchOptions o = LaunchOptions.parse(List.of("--port", "6000", "--dtls-port=6001", "--data-dir", "/tmp/x",
                "--post-id=elm-street-12", "--clock-speed", "60"));
        assertThat(o.port()).isEqualTo(6000);
        assertThat(o.dtlsPort()).isEqualTo(6001);
        assertThat(o.dataDir()).isEqualTo(Path.of("/tmp/x"));
        assertThat(o.postId()).isEqualTo("elm-street-12");
        assertThat(o.clockSpeed()).isEqualTo(60.0);
    }

    @Test
    void theClockStartIsAnInstantAndAnythingElseIsRefusedNamingIt() {
        assertThat(LaunchOptions.parse(List.of()).clockStart()).isEmpty();
        assertThat(LaunchOptions.parse(List.of("--clock-start", "2026-12-21T15:00:00Z")).clockStart())
                .isEqualTo("2026-12-21T15:00:00Z");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--clock-start", "21 December")))
                .hasMessage("--clock-start '21 December' is not an instant such as 2026-12-21T15:00:00Z (UTC, "
                        + "ISO-8601)");
    }

    @Test
    void aBadPortIsRefusedNamingTheOptionAndTheValue() {
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--port", "70000")))
                .hasMessage("--port '70000' is not a port number between 1 and 65535");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--dtls-port", "abc")))
                .hasMessageContaining("--dtls-port 'abc'");
    }

    @Test
    void theOcppCentralSystemIsAWebSocketUrlEndingInTheChargePointIdentity() {
        assertThat(LaunchOptions.parse(List.of()).ocppCsms()).isEmpty();
        assertThat(LaunchOptions.parse(List.of("--ocpp-csms", "wss://csms.example/ocpp/CP-1")).ocppCsms())
                .isEqualTo("wss://csms.example/ocpp/CP-1");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--ocpp-csms", "https://csms.example/ocpp/CP-1")))
                .hasMessageContaining("--ocpp-csms 'https://csms.example/ocpp/CP-1' must be wss://");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--ocpp-csms=wss://csms.example/ocpp/")))
                .hasMessageContaining("CHARGEPOINT-ID");
    }

    @Test
    void theNgsiLdBrokerIsAnHttpUrlWithoutCredentials() {
        assertThat(LaunchOptions.parse(List.of()).ngsiLdBroker()).isEmpty();
        assertThat(LaunchOptions.parse(List.of("--ngsi-ld-broker", "https://broker.city.example")).ngsiLdBroker())
                .isEqualTo("https://broker.city.example");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--ngsi-ld-broker", "ws://broker.city.example")))
                .hasMessageContaining("--ngsi-ld-broker 'ws://broker.city.example' must be https://host:port");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--ngsi-ld-broker=https://u:p@broker.city.example")))
                .hasMessageContaining("without credentials");
    }

    @Test
    void anUnknownOptionIsRefusedByName() {
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--colour", "red")))
                .hasMessage("unknown option '--colour' (try --help)");
    }

    @Test
    void aPostTakesABootstrapServerOrAnLwm2mServerButNotBoth() {
        assertThat(LaunchOptions.parse(List.of("--lwm2m-bootstrap", "coap://10.0.0.9:5783")).lwm2mBootstrap())
                .isEqualTo("coap://10.0.0.9:5783");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--lwm2m-bootstrap", "http://bs/")))
                .hasMessageContaining("--lwm2m-bootstrap 'http://bs/' must be coap://host:port");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--lwm2m-server", "coap://10.0.0.8:5683",
                "--lwm2m-bootstrap", "coap://10.0.0.9:5783"))).hasMessageStartingWith(
                        "--lwm2m-server and --lwm2m-bootstrap exclude each other");
    }

    @Test
    void aMissingValueIsRefused() {
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--post-id"))).hasMessage("--post-id needs a value");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--data-dir", "--port", "1")))
                .hasMessage("--data-dir needs a value");
    }

    @Test
    void aClockSpeedMustBePositiveAndBounded() {
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--clock-speed", "0"))).hasMessageContaining("0");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--clock-speed", "NaN"))).hasMessageContaining("NaN");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--clock-speed", "20000")))
                .hasMessageContaining("at most 10000");
    }

    @Test
    void aPostIdWithSpacesOrSlashesIsRefused() {
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--post-id", "a/b"))).hasMessageContaining("--post-id");
    }

    @Test
    void theBindAddressIsALiteralIpAddress() {
        assertThat(LaunchOptions.parse(List.of()).bind()).isEqualTo("0.0.0.0");
        assertThat(LaunchOptions.parse(List.of("--bind", "127.0.0.1")).bind()).isEqualTo("127.0.0.1");
        assertThat(LaunchOptions.parse(List.of("--bind", "::1")).bind()).isEqualTo("::1");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--bind", "localhost")))
                .hasMessage("--bind 'localhost' is not an IP address such as 127.0.0.1");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--bind", "300.1.1.1"))).hasMessageContaining("300");
    }

    @Test
    void thePlainAndDtlsPortsMustDiffer() {
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--port", "6000", "--dtls-port", "6000")))
                .hasMessageContaining("must differ");
    }
}
