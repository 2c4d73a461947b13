package org.lampyris.coap.format;

import java.util.Map;

/** The SenML field names and their CBOR integer labels (RFC 8428 section 6, table 6). */
final class Senml {
    static final String BASE_VERSION = "bver";
    static final String BASE_NAME = "bn";
    static final String BASE_TIME = "bt";
    static final String BASE_UNIT = "bu";
    static final String BASE_VALUE = "bv";
    static final String BASE_SUM = "bs";
    static final String NAME = "n";
    static final String UNIT = "u";
    static final String VALUE = "v";
    static final String STRING_VALUE = "vs";
    static final String BOOLEAN_VALUE = "vb";
    static final String DATA_VALUE = "vd";
    static final String SUM = "s";
    static final String TIME = "t";
    static final String UPDATE_TIME = "ut";

    /** Field name to CBOR label. */
    static final Map<String, Integer> LABELS = Map.ofEntries(
            Map.entry(BASE_VERSION, -1),
            Map.entry(BASE_NAME, -2),
            Map.entry(BASE_TIME, -3),
            Map.entry(BASE_UNIT, -4),
            Map.entry(BASE_VALUE, -5),
            Map.entry(BASE_SUM, -6),
            Map.entry(NAME, 0),
            Map.entry(UNIT, 1),
            Map.entry(VALUE, 2),
            Map.entry(STRING_VALUE, 3),
            Map.entry(BOOLEAN_VALUE, 4),
            Map.entry(SUM, 5),
            Map.entry(TIME, 6),
            Map.entry(UPDATE_TIME, 7),
            Map.entry(DATA_VALUE, 8));

    private Senml() {
    }

    /** @return the CBOR label of a field */
    static long label(String field) {
        Integer label = LABELS.get(field);
        if (label == null) {
            throw new IllegalArgumentException("no CBOR label for SenML field " + field);
        }
        return label;
    }

    /** @return the field name of a CBOR label, or null if RFC 8428 defines none */
    static String field(long label) {
        for (Map.Entry<String, Integer> e : LABELS.entrySet()) {
            if (e.getValue() == label) {
                return e.getKey();
            }
        }
        return null;
    }
}
