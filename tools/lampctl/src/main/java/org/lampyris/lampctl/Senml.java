package org.lampyris.lampctl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a SenML pack in JSON (RFC 8428) as the records it stands for: each record's name is the base name in force
 * plus its own ({@code bn} + {@code n}), its time the base time in force plus its own ({@code bt} + {@code t}), a base
 * field holding for the records after it until another replaces it. A time below 2^28 is relative to now (RFC 8428,
 * section 4.5.3). Only numeric values ({@code v}, plus {@code bv}) are kept: a history is numbers.
 */
final class Senml {
    private static final double RELATIVE_LIMIT = 268_435_456; // 2^28 s

    /**
     * @param name the resolved name, such as {@code urn:dev:lampyris:elm-1:light/level}
     * @param time seconds since 1970
     * @param value the value
     */
    record Reading(String name, double time, double value) {
    }

    private Senml() {
    }

    /** @throws IllegalArgumentException when the text is not a SenML pack (a JSON array of objects) */
    static List<Reading> parse(String json, double nowSeconds) {
        if (!(Json.parse(json) instanceof List<?> pack)) {
            throw new IllegalArgumentException("a SenML pack is a JSON array");
        }
        List<Reading> readings = new ArrayList<>();
        String baseName = "";
        double baseTime = 0;
        double baseValue = 0;
        for (Object o : pack) {
            if (!(o instanceof Map<?, ?> record)) {
                throw new IllegalArgumentException("a SenML record is a JSON object");
            }
            if (record.get("bn") instanceof String bn) {
                baseName = bn;
            }
            if (record.get("bt") instanceof Number bt) {
                baseTime = bt.doubleValue();
            }
            if (record.get("bv") instanceof Number bv) {
                baseValue = bv.doubleValue();
            }
            if (!(record.get("v") instanceof Number v)) {
                continue;
            }
            double t = baseTime + (record.get("t") instanceof Number n ? n.doubleValue() : 0);
            if (t < RELATIVE_LIMIT) {
                t += nowSeconds;
            }
            String n = record.get("n") instanceof String s ? s : "";
            readings.add(new Reading(baseName + n, t, baseValue + v.doubleValue()));
        }
        return readings;
    }
}
