package org.lampyris.ocpp;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

import org.lampyris.api.charging.ChargePoint;
import org.lampyris.api.charging.AvailabilityChange;
import org.lampyris.api.charging.ChargePointStatus;
import org.lampyris.api.point.InvalidValueException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the calls of the CSMS that the post supports: GetConfiguration, ChangeConfiguration,
 * RemoteStartTransaction, RemoteStopTransaction, TriggerMessage, the Smart Charging calls ({@link SmartCharging}) and
 * the Local Auth List Management calls (SendLocalList, GetLocalListVersion) with ClearCache, UnlockConnector and
 * Reset. A call it does not
 * support is answered NotSupported (an OCPP 1.6 action) or NotImplemented (any other); a malformed one with the OCPP-J
 * error that says what is wrong, and nothing changes.
 */
final class CsmsRequests {
    private static final Logger LOG = LoggerFactory.getLogger(CsmsRequests.class);
    /** The OCPP 1.6 actions a CSMS may call that the post does not carry out (yet). */
    private static final Set<String> NOT_SUPPORTED = Set.of("CancelReservation", "DataTransfer", "GetDiagnostics", "ReserveNow", "UpdateFirmware");

    /** What TriggerMessage may ask for (the diagnostics and firmware status are not sent by the post). */
    private static final Set<String> TRIGGERABLE = Set.of("BootNotification", "Heartbeat", "MeterValues",
            "StatusNotification");

    private final ChargePoint chargePoint;
    private final ConfigurationKeys keys;
    private final TransactionRecorder transactions;
    private final IntConsumer sampleIntervalChanged;
    private final Consumer<String> trigger;
    private final SmartCharging smartCharging;
    private final LocalAuthorisations authorisations;
    private final Consumer<String> reset;

    /**
     * @param sampleIntervalChanged told the new MeterValueSampleInterval when the CSMS changes it
     * @param trigger told the message a TriggerMessage asks for, to be sent after the answer
     */
    CsmsRequests(ChargePoint chargePoint, ConfigurationKeys keys, TransactionRecorder transactions,
            IntConsumer sampleIntervalChanged, Consumer<String> trigger, SmartCharging smartCharging,
            LocalAuthorisations authorisations, Consumer<String> reset) {
        this.authorisations = authorisations;
        this.reset = reset;
        this.trigger = trigger;
        this.smartCharging = smartCharging;
        this.chargePoint = chargePoint;
        this.keys = keys;
        this.transactions = transactions;
        this.sampleIntervalChanged = sampleIntervalChanged;
    }

    /** @return the answer to a call of the CSMS */
    Frame answer(Frame.Call call) {
        try {
            return new Frame.Result(call.id(), carryOut(call.action(), call.payload()));
        } catch (CallError e) {
            LOG.info("OCPP: {} from the CSMS answered {}: {}", call.action(), e.code(), e.getMessage());
            return new Frame.Error(call.id(), e.code(), e.getMessage());
        }
    }

    private Map<String, Object> carryOut(String action, Map<String, Object> payload) throws CallError {
        return switch (action) {
            case "GetConfiguration" -> keys.get(CallError.strings(payload, "key"));
            case "ChangeConfiguration" -> changeConfiguration(payload);
            case "RemoteStartTransaction" -> remoteStart(payload);
            case "RemoteStopTransaction" -> remoteStop(payload);
            case "TriggerMessage" -> triggerMessage(payload);
            case "SetChargingProfile" -> smartCharging.set(payload);
            case "ClearChargingProfile" -> smartCharging.clear(payload);
            case "GetCompositeSchedule" -> smartCharging.composite(payload);
            case "UnlockConnector" -> unlock(payload);
            case "ChangeAvailability" -> changeAvailability(payload);
            case "Reset" -> {
                String type = CallError.oneOf(payload, "type", true, List.of("Hard", "Soft"));
                LOG.warn("OCPP: the CSMS asks for a {} reset", type);
                reset.accept(type);
                yield Map.of("status", "Accepted");
            }
            case "SendLocalList" -> Map.of("status", authorisations.update(payload));
            case "GetLocalListVersion" -> Map.of("listVersion", authorisations.version());
            case "ClearCache" -> {
                authorisations.clearCache();
                yield Map.of("status", "Accepted");
            }
            default -> throw NOT_SUPPORTED.contains(action)
                    ? new CallError("NotSupported", action + " is not supported by this charge point")
                    : new CallError("NotImplemented", "unknown action " + action);
        };
    }

    private Map<String, Object> changeConfiguration(Map<String, Object> payload) throws CallError {
        String key = CallError.string(payload, "key", 50);
        String value = CallError.string(payload, "value", 500);
        ConfigurationKeys.Change result = keys.change(key, value);
        LOG.info("OCPP: the CSMS sets {} to '{}': {}", key, value, result.ocpp);
        if (result == ConfigurationKeys.Change.ACCEPTED
                && key.equalsIgnoreCase(ConfigurationKeys.METER_VALUE_SAMPLE_INTERVAL)) {
            sampleIntervalChanged.accept(keys.seconds(ConfigurationKeys.METER_VALUE_SAMPLE_INTERVAL));
        }
        return Map.of("status", result.ocpp);
    }

    private Map<String, Object> remoteStart(Map<String, Object> payload) throws CallError {
        String idTag = CallError.string(payload, "idTag", 20);
        Long connector = CallError.integer(payload, "connectorId", false);
        if (connector != null && connector != TransactionRecorder.CONNECTOR) {
            return rejected("RemoteStartTransaction", "there is no connector " + connector);
        }
        try {
            chargePoint.start(idTag);
            LOG.info("OCPP: the CSMS started a session");
            return Map.of("status", "Accepted");
        } catch (InvalidValueException | TimeoutException | UnsupportedOperationException e) {
            return rejected("RemoteStartTransaction", e.getMessage());
        }
    }

    private Map<String, Object> remoteStop(Map<String, Object> payload) throws CallError {
        long transactionId = CallError.integer(payload, "transactionId", true);
        Long session = transactions.sessionOf(transactionId);
        ChargePointStatus status = chargePoint.status();
        if (session == null || status == null || status.session() == null || status.session().id() != session) {
            return rejected("RemoteStopTransaction", "transaction " + transactionId + " is not running");
        }
        transactions.stoppedByCsms(session, "Remote");
        try {
            chargePoint.stop();
            LOG.info("OCPP: the CSMS stopped transaction {}", transactionId);
            return Map.of("status", "Accepted");
        } catch (InvalidValueException | TimeoutException | UnsupportedOperationException e) {
            return rejected("RemoteStopTransaction", e.getMessage());
        }
    }

    private Map<String, Object> triggerMessage(Map<String, Object> payload) throws CallError {
        String message = CallError.string(payload, "requestedMessage", 50);
        Long connector = CallError.integer(payload, "connectorId", false);
        if (!TRIGGERABLE.contains(message)) {
            return Map.of("status", "NotImplemented");
        }
        if (connector != null && connector != TransactionRecorder.CONNECTOR) {
            return rejected("TriggerMessage", "there is no connector " + connector);
        }
        trigger.accept(message);
        return Map.of("status", "Accepted");
    }

    /** UnlockConnector: the connector is locked only while a session runs, so a running session is stopped. */
    private Map<String, Object> unlock(Map<String, Object> payload) throws CallError {
        long connector = CallError.integer(payload, "connectorId", true);
        if (connector != TransactionRecorder.CONNECTOR) {
            return Map.of("status", "NotSupported");
        }
        ChargePointStatus status = chargePoint.status();
        if (status == null || status.session() == null) {
            return Map.of("status", "Unlocked");
        }
        transactions.stoppedByCsms(status.session().id(), "UnlockCommand");
        try {
            chargePoint.stop();
            LOG.info("OCPP: the CSMS unlocked the connector, ending the session");
            return Map.of("status", "Unlocked");
        } catch (InvalidValueException | TimeoutException | UnsupportedOperationException e) {
            LOG.warn("OCPP: UnlockConnector failed: {}", e.getMessage());
            return Map.of("status", "UnlockFailed");
        }
    }

    /**
     * ChangeAvailability (OCPP 1.6, 5.2): the post's one connector and the charge point as a whole (connector 0) are
     * the same; Scheduled when a running transaction must end first. The StatusNotification (Unavailable, Available)
     * follows from the charge point's change; the charging plugin keeps the availability across a restart.
     */
    private Map<String, Object> changeAvailability(Map<String, Object> payload) throws CallError {
        long connector = CallError.integer(payload, "connectorId", true);
        String type = CallError.oneOf(payload, "type", true, List.of("Inoperative", "Operative"));
        if (connector != 0 && connector != TransactionRecorder.CONNECTOR) {
            return rejected("ChangeAvailability", "no connector " + connector);
        }
        try {
            AvailabilityChange when = chargePoint.setOperative(type.equals("Operative"));
            LOG.info("OCPP: the CSMS made the charge point {}{}", type,
                    when == AvailabilityChange.AFTER_SESSION ? " once the running transaction ends" : "");
            return Map.of("status", when == AvailabilityChange.AFTER_SESSION ? "Scheduled" : "Accepted");
        } catch (TimeoutException | UnsupportedOperationException e) {
            return rejected("ChangeAvailability", String.valueOf(e.getMessage()));
        }
    }

    private static Map<String, Object> rejected(String action, String why) {
        LOG.info("OCPP: {} rejected: {}", action, why);
        return Map.of("status", "Rejected");
    }
}
