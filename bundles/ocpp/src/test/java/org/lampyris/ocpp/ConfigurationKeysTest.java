package org.lampyris.ocpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigurationKeysTest {
    @TempDir
    Path dir;

    @Test
    void aChangedIntervalOutlivesARestartAndReadOnlyOrUnknownKeysAreNotChanged() {
        Path file = dir.resolve(ChargePointLink.KEYS_FILE);
        ConfigurationKeys keys = new ConfigurationKeys(TestConfig.of(Map.of()), file);
        assertThat(keys.seconds(ConfigurationKeys.METER_VALUE_SAMPLE_INTERVAL)).isEqualTo(60);
        assertThat(keys.change("metervaluesampleinterval", "15")).isEqualTo(ConfigurationKeys.Change.ACCEPTED);
        assertThat(keys.change("NumberOfConnectors", "2")).isEqualTo(ConfigurationKeys.Change.REJECTED);
        assertThat(keys.change("HeartbeatInterval", "soon")).isEqualTo(ConfigurationKeys.Change.REJECTED);
        assertThat(keys.change("NoSuchKey", "1")).isEqualTo(ConfigurationKeys.Change.NOT_SUPPORTED);

        ConfigurationKeys again = new ConfigurationKeys(TestConfig.of(Map.of()), file);
        assertThat(again.seconds(ConfigurationKeys.METER_VALUE_SAMPLE_INTERVAL)).isEqualTo(15);
    }

    @Test
    void getConfigurationListsTheKnownKeysAndReportsTheUnknownOnes() {
        ConfigurationKeys keys = new ConfigurationKeys(TestConfig.of(Map.of("heartbeat_interval_s", 120)), null);
        Map<String, Object> answer = keys.get(List.of("HeartbeatInterval", "Foo"));
        assertThat(answer).containsEntry("configurationKey",
                List.of(Map.of("key", "HeartbeatInterval", "readonly", false, "value", "120")))
                .containsEntry("unknownKey", List.of("Foo"));
        assertThat((List<?>) keys.get(List.of()).get("configurationKey")).hasSizeGreaterThan(15);
    }
}
