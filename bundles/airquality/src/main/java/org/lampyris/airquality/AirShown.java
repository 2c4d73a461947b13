package org.lampyris.airquality;

import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code /air/status} and {@code /air/alert} show, as structures the platform writes in the format a client
 * asks for (JSON, CBOR, text), and how numbers read in messages.
 * <p>
 * {@code /air/status} has one member per channel, in the order pm1, pm25, pm10, no2, o3, temperature, humidity:
 *
 * <pre>
 * {"pm1":{"state":"ok","reason":"valid reading"},
 *  "pm25":{"state":"stuck","reason":"unchanged at 12.3 ug/m3 for 10 consecutive samples or more"}, ...}
 * </pre>
 *
 * with a state of {@code ok}, {@code missing}, {@code stuck}, {@code out-of-range} or {@code failed}.
 * {@code /air/alert} is the list of alerts in force, empty when there is none:
 *
 * <pre>
 * [{"pollutant":"no2","mean":"1h","value":212.3,"threshold":200,"since":"2026-12-21T08:15:00Z"}]
 * </pre>
 *
 * where {@code value} is the mean, to a tenth, when the alert started. Times are ISO 8601 in UTC, to the second.
 */
final class AirShown {

    /** One channel of {@code /air/status}. */
    record ChannelStatus(String state, String reason) {
    }

    /** One alert of {@code /air/alert}. */
    record AlertShown(String pollutant, String mean, double value, double threshold, String since) {
    }

    private AirShown() {
    }

    /** @return the {@code /air/status} of the channels, in the order given */
    static Map<String, ChannelStatus> status(Collection<ChannelReading> channels) {
        Map<String, ChannelStatus> status = new LinkedHashMap<>();
        for (ChannelReading c : channels) {
            status.put(ChannelReading.key(c.channel()), new ChannelStatus(c.health().text(), c.reason()));
        }
        return status;
    }

    /** @return the {@code /air/alert} of the alerts in force */
    static List<AlertShown> alerts(List<ThresholdAlerts.Alert> alerts) {
        return alerts.stream()
                .map(a -> new AlertShown(a.rule().pollutant().key(), a.rule().window().key(),
                        Math.round(a.value() * 10) / 10.0, a.rule().threshold(),
                        a.since().truncatedTo(ChronoUnit.SECONDS).toString()))
                .toList();
    }

    /** @return a number as people write it: integral values without a decimal point */
    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
