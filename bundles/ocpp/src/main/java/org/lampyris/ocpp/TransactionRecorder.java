package org.lampyris.ocpp;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lampyris.api.charging.ChargePointStatus;
import org.lampyris.api.charging.Session;
import org.lampyris.internal.json.Json;

/**
 * Turns the sessions the charge-point capability tells into OCPP transaction messages in the {@link Outbox}: a
 * StartTransaction when a session appears that was never started before (session ids only grow, so a session is
 * started once, also across restarts), MeterValues while it runs, and a StopTransaction, with the meter reading and
 * the reason of its end, once it is gone. Not thread-safe: the {@link ChargePointLink}'s thread uses it.
 */
final class TransactionRecorder {
    /** The one connector of a lamp post's charge point. */
    static final int CONNECTOR = 1;
    private static final int ID_TAG_LENGTH = 20;

    private final Outbox outbox;
    private final String freeIdTag;
    private final Map<Long, String> stopReasons = new HashMap<>();

    /** @param freeIdTag the idTag of a session started without an identifier (free charging) */
    TransactionRecorder(Outbox outbox, String freeIdTag) {
        this.outbox = outbox;
        this.freeIdTag = idTag(freeIdTag.isBlank() ? "FREE" : freeIdTag.strip());
    }

    /** Queues what a new status of the charge point means for the transactions. */
    void observed(ChargePointStatus s) {
        Session running = s.session();
        for (Map.Entry<Long, Double> open : outbox.open().entrySet()) {
            long id = open.getKey();
            if (running == null || running.id() != id) {
                Session ended = s.lastEnded() != null && s.lastEnded().id() == id ? s.lastEnded() : null;
                stop(id, ended, open.getValue(), s.time());
            }
        }
        if (running == null) {
            return;
        }
        if (running.id() > outbox.highestSession()) {
            Map<String, Object> start = new LinkedHashMap<>();
            start.put("connectorId", CONNECTOR);
            start.put("idTag", running.identifier() == null ? freeIdTag : idTag(running.identifier()));
            start.put("meterStart", Math.round(running.startMeterWattHours()));
            start.put("timestamp", running.start().toString());
            outbox.opened(running.id(), running.startMeterWattHours(), start);
        } else {
            outbox.observed(running.id(), s.energyWattHours());
        }
    }

    /** Queues the periodic MeterValues of the running transaction, if one is open. */
    void sample(ChargePointStatus s, Instant now) {
        Session running = s.session();
        if (running == null || !outbox.open().containsKey(running.id())) {
            return;
        }
        outbox.add(Outbox.METER_VALUES, running.id(), meterValues(s, now, "Sample.Periodic"));
    }

    /**
     * @param transactionId the CSMS's id of the running transaction, or null outside one
     * @return the MeterValues a TriggerMessage asked for: not a transaction message, sent once and not queued
     */
    Map<String, Object> triggered(ChargePointStatus s, Instant now, Long transactionId) {
        Map<String, Object> values = meterValues(s, now, "Trigger");
        if (transactionId != null) {
            values.put("transactionId", transactionId);
        }
        return values;
    }

    private static Map<String, Object> meterValues(ChargePointStatus s, Instant now, String context) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("connectorId", CONNECTOR);
        values.put("meterValue", List.of(Map.of("timestamp", now.toString(), "sampledValue", List.of(
                sampled(s.energyWattHours(), context, "Energy.Active.Import.Register", "Wh"),
                sampled(s.powerWatts(), context, "Power.Active.Import", "W"),
                sampled(s.currentAmps(), context, "Current.Import", "A")))));
        return values;
    }

    /**
     * The CSMS asked to stop this session: its StopTransaction gives this reason (Remote, UnlockCommand, SoftReset,
     * HardReset) instead of Local.
     */
    void stoppedByCsms(long session, String reason) {
        stopReasons.put(session, reason);
    }

    /** @return the session of a CSMS transaction id among the open ones, or null */
    Long sessionOf(long transactionId) {
        for (Long session : outbox.open().keySet()) {
            Long id = outbox.transactionId(session);
            if (id != null && id == transactionId) {
                return session;
            }
        }
        return null;
    }

    private void stop(long id, Session ended, double lastMeter, Instant now) {
        double meter = ended != null ? ended.endMeterWattHours() : lastMeter;
        Instant at = ended != null ? ended.end() : now;
        Map<String, Object> stop = new LinkedHashMap<>();
        stop.put("meterStop", Math.round(meter));
        stop.put("timestamp", at.toString());
        stop.put("reason", reason(id, ended));
        if (ended != null && ended.identifier() != null) {
            stop.put("idTag", idTag(ended.identifier()));
        }
        List<Object> end = new ArrayList<>();
        end.add(Map.of("timestamp", at.toString(), "sampledValue", List.of(
                sampled(meter, "Transaction.End", "Energy.Active.Import.Register", "Wh"))));
        stop.put("transactionData", end);
        stopReasons.remove(id);
        outbox.closed(id, stop);
    }

    /** The OCPP 1.6 Reason of a StopTransaction. */
    private String reason(long id, Session ended) {
        if (ended == null) {
            return "Other";
        }
        return switch (ended.reason()) {
            case UNPLUGGED -> "EVDisconnected";
            case STOPPED -> stopReasons.getOrDefault(id, "Local");
            case INTERRUPTED -> "PowerLoss";
            case FAULT -> "Other";
        };
    }

    private static Map<String, Object> sampled(double value, String context, String measurand, String unit) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("value", Json.number(Math.round(value * 1000) / 1000.0));
        v.put("context", context);
        v.put("format", "Raw");
        v.put("measurand", measurand);
        v.put("location", "Outlet");
        v.put("unit", unit);
        return v;
    }

    /** OCPP 1.6 idTags are at most 20 characters (IdToken, CiString20Type); a longer contract id is cut. */
    static String idTag(String identifier) {
        return identifier.length() <= ID_TAG_LENGTH ? identifier : identifier.substring(0, ID_TAG_LENGTH);
    }
}
