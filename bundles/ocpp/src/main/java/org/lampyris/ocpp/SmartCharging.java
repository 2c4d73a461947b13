package org.lampyris.ocpp;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.lampyris.api.charging.ChargePoint;
import org.lampyris.api.charging.ChargePointStatus;
import org.lampyris.api.point.InvalidValueException;
import org.lampyris.hal.TimeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Smart Charging profile (OCPP 1.6, 5.16, 5.5 and 5.7): SetChargingProfile, ClearChargingProfile and
 * GetCompositeSchedule, and the limit the {@link ChargingProfiles} make, handed to the charge point as its back
 * office's limit ({@link ChargePoint#setBackOfficeLimit}) now and again at each moment it changes. The charge point
 * offers the lowest of that limit and its own (the operator's {@code /ev/limit}, the supply left after the
 * lighting), so a profile lowers the current but never takes the lighting's reserve. Runs on the link's thread.
 */
final class SmartCharging {
    private static final Logger LOG = LoggerFactory.getLogger(SmartCharging.class);

    private final ChargingProfiles profiles;
    private final ChargePoint chargePoint;
    private final Outbox outbox;
    private final TimeSource time;
    private final ScheduledExecutorService executor;
    private double applied = Double.POSITIVE_INFINITY;
    private boolean unsupported;
    private ScheduledFuture<?> next;

    SmartCharging(ChargingProfiles profiles, ChargePoint chargePoint, Outbox outbox, TimeSource time,
            ScheduledExecutorService executor) {
        this.profiles = profiles;
        this.chargePoint = chargePoint;
        this.outbox = outbox;
        this.time = time;
        this.executor = executor;
    }

    /** Hands the limit of the moment to the charge point, and plans the next time it changes. */
    void apply() {
        ChargePointStatus s = chargePoint.status();
        Instant now = time.now();
        Instant transactionStart = s == null || s.session() == null ? null : s.session().start();
        double amps = profiles.ampsAt(now, transactionStart, transactionId(s));
        if (amps != applied && !unsupported) {
            try {
                chargePoint.setBackOfficeLimit(amps);
                LOG.info("OCPP: the charging profiles limit the current to {}", amps == Double.POSITIVE_INFINITY
                        ? "nothing (no profile applies)" : amps + " A");
                applied = amps;
            } catch (UnsupportedOperationException e) {
                unsupported = true;
                LOG.warn("OCPP: the charge point takes no limit from a back office; charging profiles are kept but "
                        + "not applied: {}", e.getMessage());
            } catch (InvalidValueException | TimeoutException e) {
                LOG.warn("OCPP: the charge point did not take the limit {} A: {}", amps, e.getMessage());
            }
        }
        if (next != null) {
            next.cancel(false);
        }
        Instant change = profiles.nextChange(now, transactionStart);
        if (change != null) {
            long millis = time.toRealTime(Duration.between(now, change)).toMillis() + 1;
            next = executor.schedule(this::apply, millis, TimeUnit.MILLISECONDS);
        }
    }

    /** A transaction ended: its TxProfiles go, and the limit is applied again. */
    void transactionEnded() {
        profiles.transactionEnded();
        apply();
    }

    /** The link closes: no limit of a back office that is no longer followed stays on the charge point. */
    void close() {
        if (next != null) {
            next.cancel(false);
        }
        if (applied != Double.POSITIVE_INFINITY) {
            try {
                chargePoint.setBackOfficeLimit(Double.POSITIVE_INFINITY);
            } catch (InvalidValueException | TimeoutException | RuntimeException e) {
                LOG.warn("OCPP: cannot lift the charging profiles' limit on the way out: {}", e.toString());
            }
        }
    }

    /** SetChargingProfile. */
    Map<String, Object> set(Map<String, Object> payload) throws CallError {
        long connector = CallError.integer(payload, "connectorId", true);
        ChargingProfiles.Profile profile = ChargingProfiles.parse(connector,
                CallError.object(payload, "csChargingProfiles"), time.now());
        ChargePointStatus s = chargePoint.status();
        boolean running = s != null && s.session() != null;
        String why = connector > TransactionRecorder.CONNECTOR ? "there is no connector " + connector
                : connector == 0 && profile.purpose().equals(ChargingProfiles.TX) ? "a TxProfile is for a connector"
                : connector == TransactionRecorder.CONNECTOR && profile.purpose().equals(ChargingProfiles.MAX)
                        ? "a ChargePointMaxProfile is for connector 0"
                : profile.purpose().equals(ChargingProfiles.TX) && !running ? "no transaction is running"
                : profiles.refusal(profile);
        if (why != null) {
            LOG.info("OCPP: SetChargingProfile {} rejected: {}", profile.id(), why);
            return Map.of("status", "Rejected");
        }
        profiles.set(profile);
        LOG.info("OCPP: the CSMS sets charging profile {} ({}, stack level {})", profile.id(), profile.purpose(),
                profile.stackLevel());
        apply();
        return Map.of("status", "Accepted");
    }

    /** ClearChargingProfile. */
    Map<String, Object> clear(Map<String, Object> payload) throws CallError {
        boolean removed = profiles.clear(CallError.integer(payload, "id", false),
                CallError.integer(payload, "connectorId", false),
                CallError.oneOf(payload, "chargingProfilePurpose", false,
                        List.of(ChargingProfiles.MAX, ChargingProfiles.TX_DEFAULT, ChargingProfiles.TX)),
                CallError.integer(payload, "stackLevel", false));
        if (removed) {
            LOG.info("OCPP: the CSMS cleared charging profiles");
            apply();
        }
        return Map.of("status", removed ? "Accepted" : "Unknown");
    }

    /**
     * GetCompositeSchedule: from now, for the duration asked, the lowest of the profiles' limits and the charge
     * point's own limit now, in A.
     */
    Map<String, Object> composite(Map<String, Object> payload) throws CallError {
        long connector = CallError.integer(payload, "connectorId", true);
        long duration = CallError.integer(payload, "duration", true);
        CallError.oneOf(payload, "chargingRateUnit", false, List.of("A", "W"));
        double own = chargePoint.ownLimitAmps();
        if (connector > TransactionRecorder.CONNECTOR || duration <= 0 || Double.isNaN(own)) {
            return Map.of("status", "Rejected");
        }
        ChargePointStatus s = chargePoint.status();
        Instant transactionStart = s == null || s.session() == null ? null : s.session().start();
        Long transactionId = transactionId(s);
        Instant from = time.now();
        Instant end = from.plusSeconds(duration);
        List<Object> periods = new ArrayList<>();
        Double previous = null;
        for (Instant t = from; t.isBefore(end);) {
            double amps = Math.min(own, profiles.ampsAt(t, transactionStart, transactionId));
            if (previous == null || amps != previous) {
                Map<String, Object> period = new LinkedHashMap<>();
                period.put("startPeriod", Duration.between(from, t).toSeconds());
                period.put("limit", Math.floor(amps * 10) / 10);
                periods.add(period);
                previous = amps;
            }
            Instant change = profiles.nextChange(t, transactionStart);
            t = change == null || change.isAfter(end) ? end : change;
        }
        Map<String, Object> schedule = new LinkedHashMap<>();
        schedule.put("duration", duration);
        schedule.put("startSchedule", from.toString());
        schedule.put("chargingRateUnit", "A");
        schedule.put("chargingSchedulePeriod", periods);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", "Accepted");
        answer.put("connectorId", connector);
        answer.put("scheduleStart", from.toString());
        answer.put("chargingSchedule", schedule);
        return answer;
    }

    private Long transactionId(ChargePointStatus s) {
        return s == null || s.session() == null ? null : outbox.transactionId(s.session().id());
    }
}
