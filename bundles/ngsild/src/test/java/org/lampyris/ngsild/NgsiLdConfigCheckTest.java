package org.lampyris.ngsild;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class NgsiLdConfigCheckTest {
    private final NgsiLdConfigCheck street = new NgsiLdConfigCheck(false);
    private final NgsiLdConfigCheck development = new NgsiLdConfigCheck(true);

    @Test
    void aStreetPostPublishesOnlyOverHttpsAndNeverWithCredentialsInTheUrl() {
        assertThat(street.problem(Map.of("broker.url", ""))).as("off").isNull();
        assertThat(street.problem(Map.of("broker.url", "https://broker.city.example/base/"))).isNull();
        assertThat(street.problem(Map.of("broker.url", "http://broker.city.example")))
                .contains("in clear").contains("http:// only with --dev");
        assertThat(development.problem(Map.of("broker.url", "http://127.0.0.1:1026"))).isNull();
        assertThat(street.problem(Map.of("broker.url", "https://user:secret@broker.city.example")))
                .contains("no credentials").doesNotContain("secret@");
        assertThat(street.problem(Map.of("broker.url", "ftp://broker.city.example"))).contains("must be https://");
    }

    @Test
    void theUpsertIsUnderTheBrokersBaseUrl() {
        assertThat(BrokerUrl.upsert("https://broker.city.example/base/", false))
                .hasToString("https://broker.city.example/base/ngsi-ld/v1/entityOperations/upsert");
        assertThat(BrokerUrl.upsert("https://broker.city.example:8443", false))
                .hasToString("https://broker.city.example:8443/ngsi-ld/v1/entityOperations/upsert");
    }
}
