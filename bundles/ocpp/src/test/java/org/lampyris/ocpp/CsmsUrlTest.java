package org.lampyris.ocpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CsmsUrlTest {

    @Test
    void theLastPathSegmentIsTheChargePointIdentity() {
        assertThat(CsmsUrl.parse("wss://csms.example:443/ocpp/LAMPPOST-17", false).identity())
                .isEqualTo("LAMPPOST-17");
    }

    @Test
    void securityProfileOneIsRefusedOnAStreetPostAndAllowedOnADevelopmentPost() {
        assertThatThrownBy(() -> CsmsUrl.parse("ws://csms.example/ocpp/CP1", false))
                .hasMessageContaining("refused on a street post").hasMessageContaining("wss://");
        assertThat(CsmsUrl.parse("ws://127.0.0.1:9000/ocpp/CP1", true).identity()).isEqualTo("CP1");
    }

    @Test
    void aUrlWithoutIdentityOrOfAnotherSchemeIsRefusedWithTheExpectedForm() {
        assertThatThrownBy(() -> CsmsUrl.parse("wss://csms.example/ocpp/", false))
                .hasMessageContaining("must end in the charge point identity");
        assertThatThrownBy(() -> CsmsUrl.parse("https://csms.example/ocpp/CP1", false))
                .hasMessageContaining("wss://host:port/path/CHARGEPOINT-ID");
    }
}
