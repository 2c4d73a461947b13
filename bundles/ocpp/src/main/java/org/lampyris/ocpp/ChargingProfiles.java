package org.lampyris.ocpp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lampyris.internal.durable.DurableFile;
import org.lampyris.internal.json.Json;
import org.lampyris.internal.json.JsonException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The charging profiles a CSMS set (OCPP 1.6 Smart Charging, 3.13 and 7.8), kept in the bundle's data area, and the
 * current limit they make at a moment. Per purpose the valid profile with the highest stack level that has a period
 * at that moment applies; a TxProfile overrides the TxDefaultProfile during its transaction; the ChargePointMaxProfile
 * bounds both. Limits in W become A at the nominal 230 V and the period's number of phases (3 when not given, as OCPP
 * says). Not thread-safe: the {@link ChargePointLink}'s thread uses it.
 */
final class ChargingProfiles {
    private static final Logger LOG = LoggerFactory.getLogger(ChargingProfiles.class);
    static final String MAX = "ChargePointMaxProfile";
    static final String TX_DEFAULT = "TxDefaultProfile";
    static final String TX = "TxProfile";
    /** ChargeProfileMaxStackLevel. */
    static final int MAX_STACK_LEVEL = 100;
    /** ChargingScheduleMaxPeriods. */
    static final int MAX_PERIODS = 48;
    /** MaxChargingProfilesInstalled. */
    static final int MAX_INSTALLED = 20;
    private static final double NOMINAL_VOLTS = 230;
    private static final int DEFAULT_PHASES = 3;

    /** A period of a schedule: from {@code start} seconds after the schedule's start, at most {@code amps}. */
    record Period(long start, double amps) {
    }

    /** A charging profile, as set for a connector. */
    record Profile(long id, long connectorId, Long transactionId, long stackLevel, String purpose, String kind,
            String recurrency, Instant validFrom, Instant validTo, Instant startSchedule, Long durationSeconds,
            List<Period> periods, Map<String, Object> payload) {

        /** @return when the schedule in effect at {@code t} started; null if none is in effect */
        Instant scheduleStart(Instant t, Instant transactionStart) {
            Instant start = switch (kind) {
                case "Relative" -> transactionStart;
                case "Recurring" -> {
                    long every = "Weekly".equals(recurrency) ? Duration.ofDays(7).toSeconds()
                            : Duration.ofDays(1).toSeconds();
                    long since = Duration.between(startSchedule, t).toSeconds();
                    yield since < 0 ? null : startSchedule.plusSeconds(since / every * every);
                }
                default -> startSchedule;
            };
            return start == null || t.isBefore(start) ? null : start;
        }

        /** @return the limit at {@code t}, or null if this profile has none then */
        Double amps(Instant t, Instant transactionStart) {
            if (validFrom != null && t.isBefore(validFrom) || validTo != null && !t.isBefore(validTo)) {
                return null;
            }
            Instant start = scheduleStart(t, transactionStart);
            if (start == null) {
                return null;
            }
            long offset = Duration.between(start, t).toSeconds();
            if (durationSeconds != null && offset >= durationSeconds) {
                return null;
            }
            Double amps = null;
            for (Period p : periods) {
                if (p.start() <= offset) {
                    amps = p.amps();
                }
            }
            return amps;
        }

        /** @return the moments after {@code t} at which this profile's limit may change */
        List<Instant> changes(Instant t, Instant transactionStart) {
            List<Instant> at = new ArrayList<>();
            if (validFrom != null) {
                at.add(validFrom);
            }
            if (validTo != null) {
                at.add(validTo);
            }
            Instant inEffect = scheduleStart(t, transactionStart);
            Instant start = inEffect == null && !kind.equals("Relative") ? startSchedule : inEffect;
            if (start != null) {
                for (Period p : periods) {
                    at.add(start.plusSeconds(p.start()));
                }
                if (durationSeconds != null) {
                    at.add(start.plusSeconds(durationSeconds));
                }
                if (kind.equals("Recurring")) {
                    at.add(start.plus("Weekly".equals(recurrency) ? Duration.ofDays(7) : Duration.ofDays(1)));
                }
            }
            at.removeIf(i -> !i.isAfter(t));
            return at;
        }
    }

    private final Path file;
    private final List<Profile> profiles = new ArrayList<>();

    /** @param file where the profiles are kept; null for memory only */
    ChargingProfiles(Path file) {
        this.file = file;
        load();
    }

    /**
     * Reads a SetChargingProfile's profile.
     *
     * @param received when it was received: the start of an Absolute or Recurring schedule that names none
     * @throws CallError if it breaks the OCPP 1.6 schema
     */
    static Profile parse(long connectorId, Map<String, Object> p, Instant received) throws CallError {
        long id = CallError.integer(p, "chargingProfileId", true);
        Long transactionId = CallError.integer(p, "transactionId", false);
        long stackLevel = CallError.integer(p, "stackLevel", true);
        String purpose = CallError.oneOf(p, "chargingProfilePurpose", true, List.of(MAX, TX_DEFAULT, TX));
        String kind = CallError.oneOf(p, "chargingProfileKind", true, List.of("Absolute", "Recurring", "Relative"));
        String recurrency = CallError.oneOf(p, "recurrencyKind", false, List.of("Daily", "Weekly"));
        Instant validFrom = CallError.instant(p, "validFrom");
        Instant validTo = CallError.instant(p, "validTo");
        Map<String, Object> schedule = CallError.object(p, "chargingSchedule");
        Long duration = CallError.integer(schedule, "duration", false);
        Instant start = CallError.instant(schedule, "startSchedule");
        String unit = CallError.oneOf(schedule, "chargingRateUnit", true, List.of("A", "W"));
        if (!(schedule.get("chargingSchedulePeriod") instanceof List<?> rawPeriods) || rawPeriods.isEmpty()) {
            throw new CallError("OccurenceConstraintViolation", "chargingSchedulePeriod needs at least one period");
        }
        List<Period> periods = new ArrayList<>();
        for (Object o : rawPeriods) {
            if (!(o instanceof Map<?, ?>)) {
                throw new CallError("TypeConstraintViolation", "a chargingSchedulePeriod is an object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> period = (Map<String, Object>) o;
            long startPeriod = CallError.integer(period, "startPeriod", true);
            double limit = CallError.number(period, "limit", true);
            Long phases = CallError.integer(period, "numberPhases", false);
            if (limit < 0 || startPeriod < 0) {
                throw new CallError("PropertyConstraintViolation", "startPeriod and limit are at least 0");
            }
            periods.add(new Period(startPeriod, unit.equals("A") ? limit
                    : limit / (NOMINAL_VOLTS * (phases == null ? DEFAULT_PHASES : phases))));
        }
        if (kind.equals("Recurring") && recurrency == null) {
            throw new CallError("OccurenceConstraintViolation", "a Recurring profile needs recurrencyKind");
        }
        Instant scheduleStart = start != null ? start : validFrom != null ? validFrom : received;
        Map<String, Object> stored = new LinkedHashMap<>(p);
        if (start == null && !kind.equals("Relative")) {
            // Kept with the start it was given, so that the schedule does not restart when the post does.
            Map<String, Object> s = new LinkedHashMap<>(schedule);
            s.put("startSchedule", scheduleStart.toString());
            stored.put("chargingSchedule", s);
        }
        return new Profile(id, connectorId, transactionId, stackLevel, purpose, kind, recurrency, validFrom, validTo,
                scheduleStart, duration, List.copyOf(periods), stored);
    }

    /** @return why the post cannot take this profile, or null if it can */
    String refusal(Profile profile) {
        long others = profiles.stream().filter(p -> !replaces(profile, p)).count();
        return profile.stackLevel() > MAX_STACK_LEVEL ? "the stack level is above " + MAX_STACK_LEVEL
                : profile.periods().size() > MAX_PERIODS ? "more than " + MAX_PERIODS + " periods"
                : others >= MAX_INSTALLED ? MAX_INSTALLED + " profiles are installed already" : null;
    }

    private static boolean replaces(Profile profile, Profile p) {
        return p.id() == profile.id() || p.connectorId() == profile.connectorId()
                && p.purpose().equals(profile.purpose()) && p.stackLevel() == profile.stackLevel();
    }

    /** Adds a profile, replacing one of the same id, or of the same purpose and stack level on its connector. */
    void set(Profile profile) {
        profiles.removeIf(p -> replaces(profile, p));
        profiles.add(profile);
        save();
    }

    /**
     * Removes the profiles that match every filter given (null: any).
     *
     * @return whether one was removed
     */
    boolean clear(Long id, Long connectorId, String purpose, Long stackLevel) {
        boolean removed = profiles.removeIf(p -> (id == null || p.id() == id)
                && (connectorId == null || p.connectorId() == connectorId)
                && (purpose == null || p.purpose().equals(purpose))
                && (stackLevel == null || p.stackLevel() == stackLevel));
        if (removed) {
            save();
        }
        return removed;
    }

    /** A transaction ended: its TxProfiles go (OCPP 1.6, 3.13.2). */
    void transactionEnded() {
        if (profiles.removeIf(p -> p.purpose().equals(TX))) {
            save();
        }
    }

    /**
     * @param transactionStart the start of the running transaction, or null outside one
     * @param transactionId the CSMS's id of the running transaction, or null if unknown or none
     * @return the limit in A at {@code t}; {@link Double#POSITIVE_INFINITY} when no profile limits the current
     */
    double ampsAt(Instant t, Instant transactionStart, Long transactionId) {
        double max = limit(MAX, t, transactionStart, transactionId);
        double tx = transactionStart == null ? Double.POSITIVE_INFINITY
                : limit(TX, t, transactionStart, transactionId);
        if (tx == Double.POSITIVE_INFINITY) {
            tx = limit(TX_DEFAULT, t, transactionStart, transactionId);
        }
        return Math.min(max, tx);
    }

    /** @return the next moment after {@code t} at which the limit may change; null if it will not */
    Instant nextChange(Instant t, Instant transactionStart) {
        Instant next = null;
        for (Profile p : profiles) {
            for (Instant i : p.changes(t, transactionStart)) {
                if (next == null || i.isBefore(next)) {
                    next = i;
                }
            }
        }
        return next;
    }

    /** @return whether any profile is set */
    boolean isEmpty() {
        return profiles.isEmpty();
    }

    private double limit(String purpose, Instant t, Instant transactionStart, Long transactionId) {
        Profile best = null;
        Double amps = null;
        for (Profile p : profiles) {
            if (!p.purpose().equals(purpose) || p.purpose().equals(TX) && p.transactionId() != null
                    && !p.transactionId().equals(transactionId)) {
                continue;
            }
            Double a = p.amps(t, transactionStart);
            if (a != null && (best == null || p.stackLevel() > best.stackLevel())) {
                best = p;
                amps = a;
            }
        }
        return amps == null ? Double.POSITIVE_INFINITY : amps;
    }

    private void save() {
        if (file == null) {
            return;
        }
        List<Object> stored = new ArrayList<>();
        for (Profile p : profiles) {
            stored.add(Map.of("connectorId", p.connectorId(), "profile", p.payload()));
        }
        try {
            DurableFile.write(file, Json.write(stored).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.warn("OCPP: the charging profiles could not be written to {}; they apply until a restart: {}", file,
                    e.toString());
        }
    }

    @SuppressWarnings("unchecked")
    private void load() {
        if (file == null) {
            return;
        }
        try {
            for (Object o : (List<Object>) Json.parse(Files.readAllBytes(file))) {
                Map<String, Object> entry = (Map<String, Object>) o;
                profiles.add(parse((Long) entry.get("connectorId"), (Map<String, Object>) entry.get("profile"),
                        Instant.EPOCH));
            }
        } catch (NoSuchFileException e) {
            // no profile set yet
        } catch (IOException | JsonException | CallError | RuntimeException e) {
            LOG.error("OCPP: the charging profiles in {} cannot be read, none applies: {}", file, e.toString());
            profiles.clear();
        }
    }
}
