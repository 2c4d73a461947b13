package org.lampyris.ocpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class OcppConfigCheckTest {

    @Test
    void aStreetPostsConfigurationWithoutTlsOrWithAMissingCertificateIsRefusedWithTheReason() {
        OcppConfigCheck street = new OcppConfigCheck(false, Path.of("conf"));
        assertThat(street.problem(Map.of("csms.url", ""))).as("off").isNull();
        assertThat(street.problem(Map.of("csms.url", "ws://csms.example/ocpp/CP1")))
                .contains("refused on a street post");
        assertThat(street.problem(Map.of("csms.url", "wss://csms.example/ocpp/CP1"))).isNull();
        assertThat(street.problem(Map.of("csms.url", "wss://csms.example/ocpp/CP1", "csms.certificate",
                "security/none.pem"))).contains("csms.certificate").contains("cannot be read");
        assertThat(new OcppConfigCheck(true, Path.of("conf")).problem(Map.of("csms.url",
                "ws://127.0.0.1:9000/ocpp/CP1"))).as("a development post").isNull();
    }
}
