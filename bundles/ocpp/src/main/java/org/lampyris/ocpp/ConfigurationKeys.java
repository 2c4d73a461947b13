package org.lampyris.ocpp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.lampyris.internal.durable.DurableFile;
import org.lampyris.internal.json.Json;
import org.lampyris.internal.json.JsonException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OCPP 1.6 configuration keys of the Core profile that apply to the post (OCPP 1.6, 9.1), for GetConfiguration
 * and ChangeConfiguration. Three can be changed by the CSMS: HeartbeatInterval, MeterValueSampleInterval and
 * WebSocketPingInterval; what it sets is kept in the bundle's data area and outlives a restart, and
 * wins over the configuration of {@link OcppConfig#PID}. The others say how the post behaves and are read-only.
 */
final class ConfigurationKeys {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigurationKeys.class);
    static final String HEARTBEAT_INTERVAL = "HeartbeatInterval";
    static final String METER_VALUE_SAMPLE_INTERVAL = "MeterValueSampleInterval";
    static final String WEBSOCKET_PING_INTERVAL = "WebSocketPingInterval";
    /** The measurands of every MeterValues. */
    static final String SAMPLED_DATA = "Energy.Active.Import.Register,Power.Active.Import,Current.Import";

    private final Path file;
    private final Map<String, String> readOnly = new LinkedHashMap<>();
    private final Map<String, Integer> writable = new LinkedHashMap<>();

    /** What a ChangeConfiguration came to. */
    enum Change {
        ACCEPTED("Accepted"), REJECTED("Rejected"), NOT_SUPPORTED("NotSupported");

        final String ocpp;

        Change(String ocpp) {
            this.ocpp = ocpp;
        }
    }

    /**
     * @param config the configuration, which gives the writable keys their values until the CSMS changes them
     * @param file where the CSMS's changes are kept; null for memory only
     */
    ConfigurationKeys(OcppConfig config, Path file) {
        this.file = file;
        writable.put(HEARTBEAT_INTERVAL, config.heartbeat_interval_s());
        writable.put(METER_VALUE_SAMPLE_INTERVAL, config.meter_value_sample_interval_s());
        writable.put(WEBSOCKET_PING_INTERVAL, config.websocket_ping_interval_s());
        readOnly.put("AuthorizeRemoteTxRequests", "false");
        readOnly.put("ClockAlignedDataInterval", "0");
        readOnly.put("ConnectionTimeOut", "0");
        readOnly.put("ConnectorPhaseRotation", "NotApplicable");
        readOnly.put("GetConfigurationMaxKeys", "50");
        readOnly.put("LocalAuthorizeOffline", "true");
        readOnly.put("LocalAuthListEnabled", "true");
        readOnly.put("LocalAuthListMaxLength", Integer.toString(LocalAuthorisations.MAX_LIST));
        readOnly.put("SendLocalListMaxLength", Integer.toString(LocalAuthorisations.MAX_SEND));
        readOnly.put("AuthorizationCacheEnabled", "true");
        readOnly.put("AllowOfflineTxForUnknownId", "false");
        readOnly.put("ChargeProfileMaxStackLevel", Integer.toString(ChargingProfiles.MAX_STACK_LEVEL));
        readOnly.put("ChargingScheduleAllowedChargingRateUnit", "Current,Power");
        readOnly.put("ChargingScheduleMaxPeriods", Integer.toString(ChargingProfiles.MAX_PERIODS));
        readOnly.put("MaxChargingProfilesInstalled", Integer.toString(ChargingProfiles.MAX_INSTALLED));
        readOnly.put("LocalPreAuthorize", "false");
        readOnly.put("MeterValuesAlignedData", "");
        readOnly.put("MeterValuesSampledData", SAMPLED_DATA);
        readOnly.put("NumberOfConnectors", "1");
        readOnly.put("ResetRetries", "0");
        readOnly.put("StopTransactionOnEVSideDisconnect", "true");
        readOnly.put("StopTransactionOnInvalidId", "false");
        readOnly.put("StopTxnAlignedData", "");
        readOnly.put("StopTxnSampledData", "Energy.Active.Import.Register");
        readOnly.put("SupportedFeatureProfiles", "Core,SmartCharging,RemoteTrigger,LocalAuthListManagement");
        readOnly.put("SupportedFeatureProfilesMaxLength", "4");
        readOnly.put("TransactionMessageAttempts", Integer.toString(config.transaction_message_attempts()));
        readOnly.put("TransactionMessageRetryInterval", Integer.toString(config.call_timeout_s()));
        readOnly.put("UnlockConnectorOnEVSideDisconnect", "true");
        load();
    }

    /** @return the value of a writable key */
    int seconds(String key) {
        return writable.get(key);
    }

    /**
     * Answers a GetConfiguration.
     *
     * @param keys the keys asked for; empty for all
     * @return the payload of the answer: the known keys with their values, and the unknown ones
     */
    Map<String, Object> get(List<String> keys) {
        List<Object> known = new ArrayList<>();
        List<Object> unknown = new ArrayList<>();
        for (String key : keys.isEmpty() ? all() : keys) {
            String name = canonical(key);
            if (name == null) {
                unknown.add(key);
            } else {
                boolean fixed = readOnly.containsKey(name);
                known.add(Map.of("key", name, "readonly", fixed,
                        "value", fixed ? readOnly.get(name) : Integer.toString(writable.get(name))));
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("configurationKey", known);
        if (!unknown.isEmpty()) {
            answer.put("unknownKey", unknown);
        }
        return answer;
    }

    /** Carries out a ChangeConfiguration: a writable key to a whole number of seconds, kept durably. */
    Change change(String key, String value) {
        String name = canonical(key);
        if (name == null) {
            return Change.NOT_SUPPORTED;
        }
        if (readOnly.containsKey(name)) {
            return Change.REJECTED;
        }
        int seconds;
        try {
            seconds = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return Change.REJECTED;
        }
        if (seconds < 0 || (seconds == 0 && name.equals(HEARTBEAT_INTERVAL))) {
            return Change.REJECTED;
        }
        writable.put(name, seconds);
        save();
        return Change.ACCEPTED;
    }

    private List<String> all() {
        List<String> names = new ArrayList<>(writable.keySet());
        names.addAll(readOnly.keySet());
        return names;
    }

    /** Keys are case-insensitive (CiString50). */
    private String canonical(String key) {
        for (String name : all()) {
            if (name.equalsIgnoreCase(key)) {
                return name;
            }
        }
        return null;
    }

    private void save() {
        if (file == null) {
            return;
        }
        try {
            DurableFile.write(file, Json.write(new TreeMap<>(writable)).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.warn("OCPP: the configuration keys could not be written to {}: {}", file, e.toString());
        }
    }

    private void load() {
        if (file == null) {
            return;
        }
        try {
            if (Json.parse(Files.readAllBytes(file)) instanceof Map<?, ?> stored) {
                stored.forEach((k, v) -> {
                    if (writable.containsKey(k) && v instanceof Long seconds) {
                        writable.put((String) k, seconds.intValue());
                    }
                });
            }
        } catch (NoSuchFileException e) {
            // nothing changed by a CSMS yet
        } catch (IOException | JsonException e) {
            LOG.warn("OCPP: the configuration keys in {} cannot be read, the configured ones apply: {}", file,
                    e.toString());
        }
    }
}
