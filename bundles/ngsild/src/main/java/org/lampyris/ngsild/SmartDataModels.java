package org.lampyris.ngsild;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.lampyris.api.air.AirQualityReport;
import org.lampyris.api.charging.ChargePointStatus;
import org.lampyris.api.lighting.LightingStatus;

/**
 * The post's state as FIWARE Smart Data Models entities (MIM2), in the models' units and scales, not the points':
 * {@code illuminanceLevel} and {@code relativeHumidity} are fractions 0–1, {@code airQualityIndex} an integer,
 * {@code status} a value of the model's list, units given as UN/CEFACT common codes ({@code GQ} µg/m³, {@code CEL}
 * °C, {@code WTT} W, {@code WHR} Wh, {@code AMP} A). An attribute a model lacks uses a term of the Smart Data Models
 * context ({@code energyConsumed}, {@code activeProgramId}), or is left out.
 * <p>
 * Pure functions of the capability services' readings, so that any vendor's plugin is published the same way.
 */
final class SmartDataModels {
    static final String STREETLIGHT = "Streetlight";
    static final String AIR_QUALITY = "AirQualityObserved";
    static final String CHARGING_STATION = "EVChargingStation";
    static final String CROWD_FLOW = "CrowdFlowObserved";
    static final String TRAFFIC_FLOW = "TrafficFlowObserved";

    /** What the air-quality points are called in the model, by the last segment of their standard path. */
    private static final Map<String, String> POLLUTANTS = Map.of("pm1", "pm1", "pm25", "pm25", "pm10", "pm10",
            "no2", "no2", "o3", "o3");
    /** The European Air Quality Index's bands, 1 to 6, as its published level names. */
    private static final List<String> EAQI_LEVELS = List.of("good", "fair", "moderate", "poor", "very poor",
            "extremely poor");

    /** Where the Smart Data Models subjects publish their JSON-LD contexts, as the models' own examples cite them. */
    static final String SUBJECT_CONTEXT = "https://raw.githubusercontent.com/smart-data-models/dataModel.%s/master/"
            + "context.jsonld";

    private SmartDataModels() {
    }

    /** @return the context of the Smart Data Models subject a type belongs to, which defines its every term */
    static String subjectContext(String type) {
        String subject = switch (type) {
            case STREETLIGHT -> "Streetlighting";
            case AIR_QUALITY -> "Environment";
            case CHARGING_STATION, CROWD_FLOW, TRAFFIC_FLOW -> "Transportation";
            default -> throw new IllegalArgumentException("not a model of this bundle: " + type);
        };
        return String.format(SUBJECT_CONTEXT, subject);
    }

    /** Where the post stands, WGS 84 degrees. */
    record Position(double latitude, double longitude) {
    }

    /**
     * Counts of one counting interval, never raw detections.
     *
     * @param from the start of the interval, post time
     * @param to its end
     */
    record CountInterval(Instant from, Instant to, long pedestrians, long cyclists, long vehicles) {
    }

    /**
     * A Streetlight.
     *
     * @param lighting the lighting plugin's status; power and energy NaN when unknown (the fail-safe drives the light)
     * @param program who drives the light now: the lighting plugin, or {@code failsafe} while none holds it
     */
    static Map<String, Object> streetlight(String postId, Position at, LightingStatus lighting, String program) {
        Instant t = lighting.time();
        String status = lighting.lampFailure() ? "defectiveLamp" : lighting.gearFailure() ? "brokenLantern" : "ok";
        NormalizedEntity e = NormalizedEntity.of(STREETLIGHT, postId)
                .location(at.latitude(), at.longitude(), t)
                .property("status", status, t)
                .property("powerState", lighting.level() > 0 ? "on" : "off", t)
                .property("illuminanceLevel", fraction(lighting.level()), t);
        if (Double.isFinite(lighting.powerWatts())) {
            e.property("powerConsumption", round(lighting.powerWatts(), 2), "WTT", t);
        }
        if (Double.isFinite(lighting.energyWattHours())) {
            e.property("energyConsumed", round(lighting.energyWattHours(), 2), "WHR", t);
        }
        return e.property("activeProgramId", program, t).toMap();
    }

    /** An AirQualityObserved: the pollutants in µg/m³, temperature in °C, humidity 0–1, the EAQI band. */
    static Map<String, Object> airQuality(String postId, Position at, AirQualityReport report) {
        Instant t = report.time();
        NormalizedEntity e = NormalizedEntity.of(AIR_QUALITY, postId)
                .location(at.latitude(), at.longitude(), t)
                .dateTime("dateObserved", t, t);
        for (String point : List.of("pm1", "pm25", "pm10", "no2", "o3")) {
            Double v = report.values().get(point);
            if (v != null && v >= 0) {
                e.property(POLLUTANTS.get(point), round(v, 2), "GQ", t);
            }
        }
        Double temperature = report.values().get("temperature");
        if (temperature != null) {
            e.property("temperature", round(temperature, 2), "CEL", t);
        }
        Double humidity = report.values().get("humidity");
        if (humidity != null) {
            e.property("relativeHumidity", fraction(humidity), t);
        }
        if (report.eaqi() >= 1 && report.eaqi() <= 6) {
            e.property("airQualityIndex", (long) report.eaqi(), t);
            e.property("airQualityLevel", EAQI_LEVELS.get(report.eaqi() - 1), t);
        }
        return e.toMap();
    }

    /**
     * An EVChargingStation of one socket.
     *
     * @param operative whether the charge point is in service
     * @param socketTypes the model's socket types of the post's socket
     * @param vehicleTypes the model's vehicle types that may charge there
     */
    static Map<String, Object> chargingStation(String postId, Position at, ChargePointStatus s, boolean operative,
            List<String> socketTypes, List<String> vehicleTypes) {
        Instant t = s.time();
        String status = status(s.state(), operative);
        return NormalizedEntity.of(CHARGING_STATION, postId)
                .location(at.latitude(), at.longitude(), t)
                .property("status", status, t)
                .property("capacity", 1L, t)
                .property("availableCapacity", status.equals("empty") ? 1L : 0L, t)
                .property("socketType", List.copyOf(socketTypes), t)
                .property("allowedVehicleType", List.copyOf(vehicleTypes), t)
                .property("amperage", round(s.currentAmps(), 2), "AMP", t)
                .property("powerConsumption", round(s.powerWatts(), 1), "WTT", t)
                .toMap();
    }

    /**
     * The model's status of a one-socket station from an IEC 61851 state: {@code empty} with no vehicle (A),
     * {@code full} with one connected (B, C, D), {@code withIncidence} on an error (E, F), {@code outOfService} when
     * taken out of service.
     */
    static String status(String iec61851, boolean operative) {
        if (!operative) {
            return "outOfService";
        }
        return switch (iec61851) {
            case "A" -> "empty";
            case "B", "C", "D" -> "full";
            default -> "withIncidence";
        };
    }

    /** The CrowdFlowObserved of an interval: the pedestrians counted in it. */
    static Map<String, Object> crowdFlow(String postId, Position at, CountInterval interval) {
        return interval(NormalizedEntity.of(CROWD_FLOW, postId), at, interval)
                .property("peopleCount", interval.pedestrians(), interval.to())
                .toMap();
    }

    /** The TrafficFlowObserved of an interval for cyclists ({@code vehicleType} bicycle): how many passed. */
    static Map<String, Object> cyclistFlow(String postId, Position at, CountInterval interval) {
        return interval(NormalizedEntity.of(TRAFFIC_FLOW, postId, "bicycle"), at, interval)
                .property("intensity", interval.cyclists(), interval.to())
                .property("vehicleType", "bicycle", interval.to())
                .toMap();
    }

    /**
     * The TrafficFlowObserved of an interval for motor vehicles: how many passed. The counting capability does not
     * tell cars from vans or lorries, and the model has no value for "any vehicle": no {@code vehicleType}.
     */
    static Map<String, Object> vehicleFlow(String postId, Position at, CountInterval interval) {
        return interval(NormalizedEntity.of(TRAFFIC_FLOW, postId, "vehicle"), at, interval)
                .property("intensity", interval.vehicles(), interval.to())
                .toMap();
    }

    private static NormalizedEntity interval(NormalizedEntity e, Position at, CountInterval interval) {
        Instant t = interval.to();
        return e.location(at.latitude(), at.longitude(), t)
                .property("dateObserved", NormalizedEntity.time(interval.from()) + "/"
                        + NormalizedEntity.time(interval.to()), t)
                .dateTime("dateObservedFrom", interval.from(), t)
                .dateTime("dateObservedTo", interval.to(), t);
    }

    /** A percentage as the models' fraction 0–1, four decimals. */
    private static double fraction(double percent) {
        return round(Math.max(0, Math.min(100, percent)) / 100, 4);
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
