package org.lampyris.evcharging;

import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The sessions as {@code /ev/sessions} shows them:
 *
 * <pre>
 * {"running": {"id": 8, "identifier": "04A1B2C3", "start": "2026-12-21T17:02:11Z", "energyWh": 5120.4},
 *  "recent": [{"id": 7, "identifier": null, "start": "...", "end": "...", "durationSeconds": 3600,
 *              "energyWh": 7245, "reason": "unplugged"}, ...]}
 * </pre>
 *
 * {@code running} is null when no session runs; an identifier is null for free charging; {@code recent} is newest
 * first. Times are ISO 8601 in UTC, to the second; energy in Wh to a tenth.
 */
final class SessionJson {

    private SessionJson() {
    }

    /** @return the document of the running session, or null, and the recent ones */
    static String document(ChargingSession running, List<ChargingSession> recent) {
        StringBuilder out = new StringBuilder("{\"running\":");
        if (running == null) {
            out.append("null");
        } else {
            session(out, running);
        }
        out.append(",\"recent\":[");
        for (int i = 0; i < recent.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            session(out, recent.get(i));
        }
        return out.append("]}").toString();
    }

    /** @return one session as a JSON object */
    static String session(ChargingSession s) {
        StringBuilder out = new StringBuilder();
        session(out, s);
        return out.toString();
    }

    /**
     * A running session shows no end or duration: they would change with every reading and wake every observer;
     * its start tells how long it has run.
     */
    private static void session(StringBuilder out, ChargingSession s) {
        out.append("{\"id\":").append(s.id()).append(",\"identifier\":");
        if (s.identifier() == null) {
            out.append("null");
        } else {
            string(out, s.identifier());
        }
        out.append(",\"start\":\"").append(s.start().truncatedTo(ChronoUnit.SECONDS)).append('"');
        if (!s.running()) {
            out.append(",\"end\":\"").append(s.end().truncatedTo(ChronoUnit.SECONDS)).append('"');
            out.append(",\"durationSeconds\":").append(s.duration().toSeconds());
        }
        out.append(",\"energyWh\":").append(number(s.energyWattHours()));
        if (!s.running()) {
            out.append(",\"reason\":\"").append(s.reason().text()).append('"');
        }
        out.append('}');
    }

    private static String number(double value) {
        double tenths = Math.round(value * 10) / 10.0;
        return tenths == Math.rint(tenths) ? Long.toString((long) tenths) : Double.toString(tenths);
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
