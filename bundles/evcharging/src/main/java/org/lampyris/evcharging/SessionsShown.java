package org.lampyris.evcharging;

import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sessions as {@code /ev/sessions} shows them, as structures the platform writes in the format a client asks for
 * (JSON, CBOR, text):
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
final class SessionsShown {

    private SessionsShown() {
    }

    /** @return the running session, or null, and the recent ones */
    static Map<String, Object> document(ChargingSession running, List<ChargingSession> recent) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("running", running == null ? null : session(running));
        document.put("recent", recent.stream().map(SessionsShown::session).toList());
        return document;
    }

    /**
     * A running session shows no end or duration: they would change with every reading and wake every observer;
     * its start tells how long it has run.
     *
     * @return one session
     */
    static Map<String, Object> session(ChargingSession s) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("id", s.id());
        shown.put("identifier", s.identifier());
        shown.put("start", s.start().truncatedTo(ChronoUnit.SECONDS).toString());
        if (!s.running()) {
            shown.put("end", s.end().truncatedTo(ChronoUnit.SECONDS).toString());
            shown.put("durationSeconds", s.duration().toSeconds());
        }
        shown.put("energyWh", Math.round(s.energyWattHours() * 10) / 10.0);
        if (!s.running()) {
            shown.put("reason", s.reason().text());
        }
        return shown;
    }
}
