package org.lampyris.coap.format;

import org.lampyris.internal.json.Json;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.lampyris.api.point.Reading;

/**
 * Encodes readings in the content formats of {@link MediaTypes}. Stateless and thread-safe.
 * <p>
 * SenML packs (RFC 8428) carry the base name ({@code bn}) and the base time ({@code bt}, the time of the first
 * record in seconds since the epoch, to the millisecond) on their first record only; each record has its name
 * ({@code n}), its unit ({@code u}) unless unitless, its value in {@code v}, {@code vb} or {@code vs} by kind, and its
 * time relative to the base time ({@code t}) when that differs from zero.
 */
public final class PayloadWriter {

    private PayloadWriter() {
    }

    /**
     * Encodes for {@code text/plain}.
     *
     * @return {@link Reading#text()} in UTF-8: {@code 30}, {@code 12.5}, {@code true}, {@code C}
     */
    public static byte[] text(Reading reading) {
        return reading.text().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Encodes for {@code application/cbor}: the value itself, a structure as CBOR maps and arrays, an integral number
     * as a CBOR integer.
     */
    public static byte[] cbor(Reading reading) {
        Object value = reading.value();
        return Cbor.encode(value instanceof Double d ? cborNumber(d) : value);
    }

    /**
     * Encodes for {@code application/json}:
     * {@code {"path":"/light/level","value":30,"unit":"%","time":"2026-11-22T10:00:00Z"}}, without {@code unit} when
     * it is empty.
     *
     * @param path the path of the point
     * @param unit the SenML unit, empty when unitless
     */
    public static byte[] json(String path, String unit, Reading reading) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(unit, "unit");
        StringBuilder sb = new StringBuilder(96);
        sb.append("{\"path\":").append(Json.quote(path));
        sb.append(",\"value\":").append(jsonValue(reading));
        if (!unit.isEmpty()) {
            sb.append(",\"unit\":").append(Json.quote(unit));
        }
        sb.append(",\"time\":").append(Json.quote(reading.time().toString()));
        sb.append('}');
        return utf8(sb);
    }

    /**
     * Encodes a SenML JSON pack ({@code application/senml+json}).
     *
     * @param baseName the base name, such as {@code urn:dev:lampyris:post-1:}; empty for none
     * @param records the records, in order; an empty list gives an empty pack {@code []}
     */
    public static byte[] senmlJson(String baseName, List<SenmlRecord> records) {
        Objects.requireNonNull(baseName, "baseName");
        StringBuilder sb = new StringBuilder(32 + 64 * records.size());
        sb.append('[');
        long baseMillis = records.isEmpty() ? 0 : millis(records.get(0).reading().time());
        for (int i = 0; i < records.size(); i++) {
            SenmlRecord record = records.get(i);
            sb.append(i == 0 ? "{" : ",{");
            if (i == 0) {
                if (!baseName.isEmpty()) {
                    sb.append("\"bn\":").append(Json.quote(baseName)).append(',');
                }
                sb.append("\"bt\":").append(seconds(baseMillis)).append(',');
            }
            sb.append("\"n\":").append(Json.quote(record.name()));
            if (!record.unit().isEmpty()) {
                sb.append(",\"u\":").append(Json.quote(record.unit()));
            }
            sb.append(",\"").append(valueField(record.reading())).append("\":").append(jsonValue(record.reading()));
            long relative = millis(record.reading().time()) - baseMillis;
            if (relative != 0) {
                sb.append(",\"t\":").append(seconds(relative));
            }
            sb.append('}');
        }
        sb.append(']');
        return utf8(sb);
    }

    /**
     * Encodes a SenML CBOR pack ({@code application/senml+cbor}): an array of maps keyed by the integer labels of
     * RFC 8428 table 6. Integral numbers (including times in whole seconds) are CBOR integers, others the shortest
     * exact float.
     *
     * @param baseName the base name, such as {@code urn:dev:lampyris:post-1:}; empty for none
     * @param records the records, in order; an empty list gives an empty pack
     */
    public static byte[] senmlCbor(String baseName, List<SenmlRecord> records) {
        Objects.requireNonNull(baseName, "baseName");
        List<Object> pack = new ArrayList<>(records.size());
        long baseMillis = records.isEmpty() ? 0 : millis(records.get(0).reading().time());
        for (int i = 0; i < records.size(); i++) {
            SenmlRecord record = records.get(i);
            Map<Object, Object> map = new LinkedHashMap<>();
            if (i == 0) {
                if (!baseName.isEmpty()) {
                    map.put(Senml.label(Senml.BASE_NAME), baseName);
                }
                map.put(Senml.label(Senml.BASE_TIME), cborSeconds(baseMillis));
            }
            map.put(Senml.label(Senml.NAME), record.name());
            if (!record.unit().isEmpty()) {
                map.put(Senml.label(Senml.UNIT), record.unit());
            }
            Reading reading = record.reading();
            Object value = reading.value() instanceof Double d ? cborNumber(d) : senmlValue(reading);
            map.put(Senml.label(valueField(reading)), value);
            long relative = millis(reading.time()) - baseMillis;
            if (relative != 0) {
                map.put(Senml.label(Senml.TIME), cborSeconds(relative));
            }
            pack.add(map);
        }
        return Cbor.encode(pack);
    }

    /** @return the SenML value field for the kind of the reading */
    static String valueField(Reading reading) {
        return switch (reading.kind()) {
            case NUMBER -> Senml.VALUE;
            case BOOLEAN -> Senml.BOOLEAN_VALUE;
            case TEXT, STRUCTURED -> Senml.STRING_VALUE;
        };
    }

    private static String jsonValue(Reading reading) {
        Object value = reading.value();
        if (value instanceof Double d) {
            return Json.number(d);
        }
        if (value instanceof Boolean b) {
            return b.toString();
        }
        return Json.quote(reading.text());
    }

    /** @return a scalar value as it is; a structure, which SenML cannot carry as such, as its JSON text */
    private static Object senmlValue(Reading reading) {
        return reading.kind() == org.lampyris.api.point.ValueKind.STRUCTURED ? reading.text() : reading.value();
    }

    private static long millis(Instant time) {
        return time.toEpochMilli();
    }

    /** @return milliseconds as seconds in plain decimal notation: {@code 1795341600}, {@code 1795341600.25} */
    private static String seconds(long millis) {
        return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString();
    }

    private static Object cborSeconds(long millis) {
        return millis % 1000 == 0 ? (Object) (millis / 1000) : (Object) (millis / 1000.0);
    }

    /** @return a Long for an integral value that fits in a long, SenML allowing integers for {@code v} */
    private static Object cborNumber(double d) {
        if (d == Math.rint(d) && d >= -0x1p63 && d < 0x1p63 && !(d == 0 && 1 / d < 0)) {
            return (long) d;
        }
        return d;
    }

    private static byte[] utf8(StringBuilder sb) {
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
