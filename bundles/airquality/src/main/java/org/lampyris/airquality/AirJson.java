package org.lampyris.airquality;

import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;

/**
 * The JSON documents of {@code /air/status} and {@code /air/alert}, and how numbers are written in them and in
 * messages.
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
final class AirJson {

    private AirJson() {
    }

    /** @return the {@code /air/status} document of the channels, in the order given */
    static String status(Collection<ChannelReading> channels) {
        StringBuilder out = new StringBuilder("{");
        for (ChannelReading c : channels) {
            if (out.length() > 1) {
                out.append(',');
            }
            string(out, ChannelReading.key(c.channel()));
            out.append(":{\"state\":");
            string(out, c.health().text());
            out.append(",\"reason\":");
            string(out, c.reason());
            out.append('}');
        }
        return out.append('}').toString();
    }

    /** @return the {@code /air/alert} document of the alerts in force */
    static String alerts(List<ThresholdAlerts.Alert> alerts) {
        StringBuilder out = new StringBuilder("[");
        for (ThresholdAlerts.Alert a : alerts) {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append("{\"pollutant\":");
            string(out, a.rule().pollutant().key());
            out.append(",\"mean\":");
            string(out, a.rule().window().key());
            out.append(",\"value\":").append(number(Math.round(a.value() * 10) / 10.0));
            out.append(",\"threshold\":").append(number(a.rule().threshold()));
            out.append(",\"since\":");
            string(out, a.since().truncatedTo(ChronoUnit.SECONDS).toString());
            out.append('}');
        }
        return out.append(']').toString();
    }

    /** @return a number as people write it: integral values without a decimal point */
    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    private static void string(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}
