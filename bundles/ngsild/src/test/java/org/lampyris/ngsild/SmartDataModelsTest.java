package org.lampyris.ngsild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lampyris.api.air.AirQualityReport;
import org.lampyris.api.charging.ChargePointStatus;
import org.lampyris.api.lighting.LightingStatus;
import org.lampyris.internal.json.Json;
import org.lampyris.ngsild.SmartDataModels.CountInterval;
import org.lampyris.ngsild.SmartDataModels.Position;
import org.lampyris.testkit.smartdatamodels.SmartDataModelsReferee;

class SmartDataModelsTest {
    private static final Instant T = Instant.parse("2026-12-21T17:30:00.250Z");
    private static final Position AT = new Position(52.37, 4.89);
    private static Optional<SmartDataModelsReferee> referee;

    @BeforeAll
    static void findTheOfficialFiles() {
        referee = SmartDataModelsReferee.find(Path.of("../.."));
    }

    @Test
    void aStreetlightCarriesTheModelsScaleAndStatusWithLocationAndObservedAtEverywhere() {
        Map<String, Object> e = SmartDataModels.streetlight("post-7", AT,
                new LightingStatus(T, 42.5, 31.25, 1234.5, false, true), "org.lampyris.dimming");
        assertThat(e).containsEntry("id", "urn:ngsi-ld:Streetlight:post-7").containsEntry("type", "Streetlight");
        assertThat(value(e, "illuminanceLevel")).isEqualTo(0.425);
        assertThat(value(e, "status")).isEqualTo("brokenLantern");
        assertThat(value(e, "powerState")).isEqualTo("on");
        assertThat(attribute(e, "powerConsumption")).containsEntry("unitCode", "WTT").containsEntry("value", 31.25);
        assertThat(attribute(e, "energyConsumed")).containsEntry("unitCode", "WHR");
        assertThat(value(e, "location")).isEqualTo(Map.of("type", "Point", "coordinates", List.of(4.89, 52.37)));
        everyAttributeObservedAt(e, "2026-12-21T17:30:00.250Z");
    }

    @Test
    void anAirQualityObservationGivesHumidityAsAFractionAndTheIndexAsAnInteger() {
        Map<String, Object> e = SmartDataModels.airQuality("post-7", AT, new AirQualityReport(T,
                Map.of("pm25", 12.345, "no2", 40.0, "temperature", -3.5, "humidity", 81.0), 3));
        assertThat(value(e, "relativeHumidity")).isEqualTo(0.81);
        assertThat(Json.write(attribute(e, "airQualityIndex"))).contains("\"value\":3,");
        assertThat(attribute(e, "pm25")).containsEntry("unitCode", "GQ").containsEntry("value", 12.35);
        assertThat(attribute(e, "temperature")).containsEntry("unitCode", "CEL");
        assertThat(value(e, "dateObserved")).isEqualTo(Map.of("@type", "DateTime", "@value",
                "2026-12-21T17:30:00.250Z"));
        assertThat(e).doesNotContainKeys("pm10", "o3");
        everyAttributeObservedAt(e, "2026-12-21T17:30:00.250Z");
    }

    @Test
    void aChargingStationSaysTheModelsAvailabilityNotTheIec61851Letter() {
        assertThat(SmartDataModels.status("A", true)).isEqualTo("empty");
        assertThat(SmartDataModels.status("C", true)).isEqualTo("full");
        assertThat(SmartDataModels.status("F", true)).isEqualTo("withIncidence");
        assertThat(SmartDataModels.status("A", false)).isEqualTo("outOfService");
        Map<String, Object> e = SmartDataModels.chargingStation("post-7", AT,
                new ChargePointStatus(T, "C", 16, 32, 3680, 12000), true, List.of("Type2"), List.of("car"));
        assertThat(value(e, "availableCapacity")).isEqualTo(0L);
        assertThat(attribute(e, "amperage")).containsEntry("unitCode", "AMP").containsEntry("value", 16.0);
        assertThat(value(e, "socketType")).isEqualTo(List.of("Type2"));
    }

    @Test
    void countsGoOutPerIntervalCyclistsAsBicycleTraffic() {
        CountInterval i = new CountInterval(T, T.plusSeconds(900), 12, 3, 40);
        Map<String, Object> crowd = SmartDataModels.crowdFlow("post-7", AT, i);
        Map<String, Object> bikes = SmartDataModels.cyclistFlow("post-7", AT, i);
        Map<String, Object> cars = SmartDataModels.vehicleFlow("post-7", AT, i);
        assertThat(crowd).containsEntry("id", "urn:ngsi-ld:CrowdFlowObserved:post-7");
        assertThat(value(crowd, "peopleCount")).isEqualTo(12L);
        assertThat(bikes).containsEntry("id", "urn:ngsi-ld:TrafficFlowObserved:post-7:bicycle");
        assertThat(value(bikes, "vehicleType")).isEqualTo("bicycle");
        assertThat(value(bikes, "intensity")).isEqualTo(3L);
        assertThat(value(cars, "intensity")).isEqualTo(40L);
        assertThat(value(cars, "dateObserved")).isEqualTo("2026-12-21T17:30:00.250Z/2026-12-21T17:45:00.250Z");
    }

    @Test
    void everyEntityTheMappingMakesPassesTheOfficialSchemasAndContexts() {
        assumeTrue(referee.isPresent(), "the Smart Data Models files are not at "
                + SmartDataModelsReferee.folder(Path.of("../..")) + " (-Dlampyris.sdm names them): not checked");
        List<Map<String, Object>> all = new ArrayList<>();
        for (boolean lamp : List.of(false, true)) {
            for (boolean gear : List.of(false, true)) {
                all.add(SmartDataModels.streetlight("p", AT, new LightingStatus(T, lamp ? 0 : 100, 40, 10, lamp,
                        gear), "org.lampyris.dimming"));
            }
        }
        all.add(SmartDataModels.streetlight("p", AT, new LightingStatus(T, 30, Double.NaN, Double.NaN, false, false),
                EntityPublisher.FAILSAFE));
        for (int eaqi = 0; eaqi <= 6; eaqi++) {
            all.add(SmartDataModels.airQuality("p", AT, new AirQualityReport(T, Map.of("pm1", 3.0, "pm25", 5.0,
                    "pm10", 9.0, "no2", 20.0, "o3", 60.0, "temperature", 4.0, "humidity", 100.0), eaqi)));
        }
        for (String state : List.of("A", "B", "C", "D", "E", "F")) {
            for (boolean operative : List.of(true, false)) {
                all.add(SmartDataModels.chargingStation("p", AT, new ChargePointStatus(T, state, 0, 32, 0, 5),
                        operative, List.of("Type2", "CCS/SAE"), List.of("car", "motorcycle")));
            }
        }
        CountInterval i = new CountInterval(T, T.plusSeconds(900), 0, 7, 1);
        all.add(SmartDataModels.crowdFlow("p", AT, i));
        all.add(SmartDataModels.cyclistFlow("p", AT, i));
        all.add(SmartDataModels.vehicleFlow("p", AT, i));
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> e : all) {
            String type = (String) e.get("type");
            problems.addAll(referee.get().problems(Json.write(e), List.of(SmartDataModels.subjectContext(type))));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theRefereeCatchesAnAttributeNoContextDefinesAndAValueOutOfTheModelsRange() {
        assumeTrue(referee.isPresent(), "the Smart Data Models files are not there: not checked");
        Map<String, Object> e = new java.util.LinkedHashMap<>(SmartDataModels.streetlight("p", AT,
                new LightingStatus(T, 50, 40, 10, false, false), "x"));
        e.put("illuminanceLevel", Map.of("type", "Property", "value", 50));
        e.put("lampyrisSecretSauce", Map.of("type", "Property", "value", 1));
        assertThat(referee.get().problems(Json.write(e), List.of(SmartDataModels.subjectContext("Streetlight"))))
                .anyMatch(p -> p.contains("illuminanceLevel") && p.contains("schema"))
                .anyMatch(p -> p.contains("lampyrisSecretSauce") && p.contains("JSON-LD"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> attribute(Map<String, Object> e, String name) {
        return (Map<String, Object>) e.get(name);
    }

    private static Object value(Map<String, Object> e, String name) {
        return attribute(e, name).get("value");
    }

    @SuppressWarnings("unchecked")
    private static void everyAttributeObservedAt(Map<String, Object> e, String time) {
        e.forEach((k, v) -> {
            if (v instanceof Map<?, ?> m) {
                assertThat(((Map<String, Object>) m).get("observedAt")).as(k).isEqualTo(time);
            }
        });
    }
}
