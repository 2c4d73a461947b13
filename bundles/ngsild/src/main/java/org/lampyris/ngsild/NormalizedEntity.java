package org.lampyris.ngsild;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An NGSI-LD entity in the normalized representation, built attribute by attribute: each a {@code Property} (with
 * its {@code unitCode} where the model gives a unit) or the {@code location} {@code GeoProperty}, each with the
 * {@code observedAt} of the reading it comes from. The result is a plain tree of maps and lists that the platform's
 * JSON codec writes.
 */
final class NormalizedEntity {
    private final Map<String, Object> members = new LinkedHashMap<>();

    private NormalizedEntity(String id, String type) {
        members.put("id", id);
        members.put("type", type);
    }

    /**
     * @param type the Smart Data Models type, e.g. {@code Streetlight}
     * @param postId the post's identity, the last segment of the id
     * @return an entity with id {@code urn:ngsi-ld:TYPE:POST-ID}
     */
    static NormalizedEntity of(String type, String postId) {
        return new NormalizedEntity(id(type, postId), type);
    }

    /** @return the id of the entity of a type on a post, such as {@code urn:ngsi-ld:Streetlight:post-1} */
    static String id(String type, String postId) {
        return "urn:ngsi-ld:" + type + ":" + postId;
    }

    /** @return an entity of the same type whose id has one more segment, for a post's second entity of a type */
    static NormalizedEntity of(String type, String postId, String qualifier) {
        return new NormalizedEntity(id(type, postId) + ":" + qualifier, type);
    }

    /** Adds a Property. */
    NormalizedEntity property(String name, Object value, Instant observedAt) {
        return property(name, value, null, observedAt);
    }

    /** Adds a Property with a UN/CEFACT unit code, or none if {@code unitCode} is null. */
    NormalizedEntity property(String name, Object value, String unitCode, Instant observedAt) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", "Property");
        p.put("value", value);
        if (unitCode != null) {
            p.put("unitCode", unitCode);
        }
        p.put("observedAt", time(observedAt));
        members.put(name, p);
        return this;
    }

    /** Adds a Property whose value is a date and time, typed as NGSI-LD asks ({@code @type DateTime}). */
    NormalizedEntity dateTime(String name, Instant value, Instant observedAt) {
        return property(name, Map.of("@type", "DateTime", "@value", time(value)), observedAt);
    }

    /** Adds the {@code location} GeoProperty: a GeoJSON Point, longitude first. */
    NormalizedEntity location(double latitude, double longitude, Instant observedAt) {
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("type", "Point");
        point.put("coordinates", List.of(longitude, latitude));
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", "GeoProperty");
        p.put("value", point);
        p.put("observedAt", time(observedAt));
        members.put("location", p);
        return this;
    }

    /** @return the entity, without {@code @context} */
    Map<String, Object> toMap() {
        return new LinkedHashMap<>(members);
    }

    /** @return an instant as NGSI-LD writes it: UTC, ISO 8601, milliseconds at most */
    static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
