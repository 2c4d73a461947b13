package org.lampyris.lwm2m;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** What an engineer who sets up the LwM2M client through /mgmt/config is told before anything is stored. */
class Lwm2mConfigCheckTest {
    private final Lwm2mConfigCheck check = new Lwm2mConfigCheck();

    @Test
    void aClientWithoutAServerOrWithAFittingOneIsAccepted() {
        assertThat(check.problem(Map.of())).isNull();
        assertThat(check.problem(Map.of("server.uri", "coap://10.0.0.1:5683", "security.mode", "NONE"))).isNull();
        assertThat(check.problem(Map.of("server.uri", "coaps://dm.city.example:5684", "security.mode", "PSK",
                "psk.identity", "elm-1", "psk.key", "00ff10"))).isNull();
        assertThat(check.problem(Map.of("server.uri", "coaps://dm.city.example", "security.mode", "X509"))).isNull();
    }

    @Test
    void eachBrokenRuleIsNamed() {
        assertThat(check.problem(Map.of("server.uri", "coaps://dm:5684", "security.mode", "PSK")))
                .isEqualTo("security.mode PSK needs psk.identity and psk.key");
        assertThat(check.problem(Map.of("server.uri", "coaps://dm:5684", "security.mode", "PSK", "psk.identity",
                "elm-1", "psk.key", "not-hex"))).startsWith("psk.key is not hexadecimal");
        assertThat(check.problem(Map.of("server.uri", "coap://dm:5683", "security.mode", "PSK")))
                .contains("does not go with coap://dm:5683");
        assertThat(check.problem(Map.of("server.uri", "coaps://dm:5684"))).contains("NONE takes coap://");
        assertThat(check.problem(Map.of("server.uri", "http://dm/", "security.mode", "NONE")))
                .contains("neither coap:// nor coaps://");
        assertThat(check.problem(Map.of("server.uri", "coap:dm", "security.mode", "NONE"))).contains("names no host");
        assertThat(check.problem(Map.of("security.mode", "TLS"))).isEqualTo("security.mode is NONE, PSK or X509, "
                + "not TLS");
    }

    @Test
    void aPostWithOnlyABootstrapServerIsTheFleetCaseAndItsRulesNameTheBootstrapSettings() {
        assertThat(check.problem(Map.of("bootstrap.uri", "coap://bs.city.example:5783"))).isNull();
        assertThat(check.problem(Map.of("bootstrap.uri", "coaps://bs.city.example:5784", "bootstrap.security.mode",
                "PSK", "bootstrap.psk.identity", "elm-1", "bootstrap.psk.key", "00ff10"))).isNull();
        assertThat(check.problem(Map.of("bootstrap.uri", "coaps://bs:5784", "bootstrap.security.mode", "PSK")))
                .isEqualTo("bootstrap.security.mode PSK needs bootstrap.psk.identity and bootstrap.psk.key");
        assertThat(check.problem(Map.of("bootstrap.uri", "coaps://bs:5784", "bootstrap.security.mode", "PSK",
                "bootstrap.psk.identity", "elm-1", "bootstrap.psk.key", "secret!"))).startsWith(
                        "bootstrap.psk.key is not hexadecimal").doesNotContain("secret!");
        assertThat(check.problem(Map.of("bootstrap.uri", "coaps://bs:5784"))).startsWith(
                "bootstrap.security.mode NONE does not go with coaps://bs:5784");
        assertThat(check.problem(Map.of("bootstrap.uri", "ftp://bs/"))).isEqualTo(
                "bootstrap.uri ftp://bs/ is neither coap:// nor coaps://");
    }

    @Test
    void aServerAccountAndABootstrapServerAreNeverConfiguredTogether() {
        assertThat(check.problem(Map.of("server.uri", "coap://dm:5683", "bootstrap.uri", "coap://bs:5783")))
                .startsWith("server.uri and bootstrap.uri exclude each other");
    }
}
