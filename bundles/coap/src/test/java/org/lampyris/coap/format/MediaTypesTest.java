package org.lampyris.coap.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MediaTypesTest {

    @Test
    void theContentFormatNumbersAreThoseOfTheCoapRegistry() {
        assertThat(MediaTypes.TEXT_PLAIN).isZero();
        assertThat(MediaTypes.LINK_FORMAT).isEqualTo(40);
        assertThat(MediaTypes.JSON).isEqualTo(50);
        assertThat(MediaTypes.CBOR).isEqualTo(60);
        assertThat(MediaTypes.SENML_JSON).isEqualTo(110);
        assertThat(MediaTypes.SENML_CBOR).isEqualTo(112);
    }

    @Test
    void aPointIsServedInPlainTextJsonCborAndBothSenmlFormats() {
        assertThat(MediaTypes.POINT_FORMATS).containsExactly(0, 50, 60, 110, 112);
        assertThat(MediaTypes.isPointFormat(110)).isTrue();
        assertThat(MediaTypes.isPointFormat(MediaTypes.LINK_FORMAT)).isFalse();
        assertThat(MediaTypes.PACK_FORMATS).containsExactly(110, 112);
    }

    @Test
    void eachFormatHasItsMediaTypeName() {
        assertThat(MediaTypes.name(0)).isEqualTo("text/plain");
        assertThat(MediaTypes.name(40)).isEqualTo("application/link-format");
        assertThat(MediaTypes.name(50)).isEqualTo("application/json");
        assertThat(MediaTypes.name(110)).isEqualTo("application/senml+json");
        assertThat(MediaTypes.name(112)).isEqualTo("application/senml+cbor");
        assertThat(MediaTypes.name(60)).isEqualTo("application/cbor");
        assertThat(MediaTypes.name(9999)).isEqualTo("ct=9999");
    }
}
