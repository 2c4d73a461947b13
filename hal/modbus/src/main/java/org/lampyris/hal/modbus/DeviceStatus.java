package org.lampyris.hal.modbus;

import java.time.Instant;
import java.util.Map;

/**
 * What the poller knows of a device: the values of its last complete poll, or why it has none now. Never both: a
 * device that stops answering has no values, not old ones.
 *
 * @param values the values of the last poll by meaning, in their units (1 or 0 for flags); empty when unavailable
 * @param time when they were read, or when the device became unavailable
 * @param reason why the device is unavailable, or null while it answers
 */
record DeviceStatus(Map<String, Double> values, Instant time, String reason) {

    DeviceStatus {
        values = Map.copyOf(values);
    }

    static DeviceStatus available(Map<String, Double> values, Instant time) {
        return new DeviceStatus(values, time, null);
    }

    static DeviceStatus unavailable(String reason, Instant since) {
        return new DeviceStatus(Map.of(), since, reason);
    }

    boolean isAvailable() {
        return reason == null;
    }
}
