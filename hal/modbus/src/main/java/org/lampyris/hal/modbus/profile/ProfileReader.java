package org.lampyris.hal.modbus.profile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.lampyris.internal.json.Json;
import org.lampyris.internal.json.JsonException;

/**
 * Reads a device profile from its JSON text, refusing anything it would have to guess: an unknown member, meaning,
 * function or type, a value that cannot be written where the profile says it is writable, a required meaning missing.
 * Each error names the profile and the value. The format is documented in {@code docs/modbus-profiles.md}.
 */
public final class ProfileReader {
    /** Profile names are file names too: no paths, no surprises. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    /** The named conversion of DALI fade times (IEC 62386-102: code n is 0.5 * sqrt(2^n) s). */
    public static final String DALI_FADE_TIME = "dali-fade-time";
    /** The named conversion of IEC 61851 states kept as an ASCII letter in a register's low byte: 'A'-'F' is 1-6. */
    public static final String IEC61851_LETTER = "iec61851-letter";

    private static final Set<String> PROFILE_MEMBERS = Set.of("profile", "kind", "vendor", "model",
            "ratedPowerWatts", "source", "notes", "values");
    private static final Set<String> VALUE_MEMBERS = Set.of("meaning", "function", "address", "type", "wordOrder",
            "byteOrder", "bit", "scale", "encoding", "unit", "write", "notes");

    private ProfileReader() {
    }

    /**
     * @param text the profile's JSON
     * @param where where it came from, for messages ("conf/modbus/x.json")
     * @return the profile
     * @throws IllegalArgumentException if it is not a valid profile; the message says what and where
     */
    public static DeviceProfile read(String text, String where) {
        Object parsed;
        try {
            parsed = Json.parse(text);
        } catch (JsonException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
        Map<String, Object> root = object(parsed, where);
        unknown(root, PROFILE_MEMBERS, where);
        String id = text(root, "profile", where);
        if (!NAME.matcher(id).matches()) {
            throw new IllegalArgumentException(where + ": profile name '" + id + "' must match " + NAME.pattern());
        }
        String at = where + " (profile " + id + ")";
        DeviceKind kind = choice(DeviceKind.class, text(root, "kind", at), "kind", at);
        String source = text(root, "source", at);
        double rated = root.containsKey("ratedPowerWatts") ? number(root, "ratedPowerWatts", at) : 0;
        if (!(rated >= 0)) {
            throw new IllegalArgumentException(at + ": ratedPowerWatts must not be negative");
        }
        if (!(root.get("values") instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException(at + ": 'values' must be a non-empty array");
        }
        List<ProfileValue> values = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            ProfileValue value = value(object(list.get(i), at + " values[" + i + "]"), kind, at + " values[" + i + "]");
            if (!seen.add(value.meaning())) {
                throw new IllegalArgumentException(at + ": meaning '" + value.meaning() + "' is mapped twice");
            }
            values.add(value);
        }
        for (String required : kind.required()) {
            if (!seen.contains(required)) {
                throw new IllegalArgumentException(at + ": a " + kind.name().toLowerCase(Locale.ROOT)
                        + " profile must map '" + required + "'");
            }
        }
        if (kind == DeviceKind.LUMINAIRE && seen.contains(Meanings.POWER) != seen.contains(Meanings.ENERGY)) {
            throw new IllegalArgumentException(at + ": a luminaire profile maps both '" + Meanings.POWER + "' and '"
                    + Meanings.ENERGY + "' (its own metering) or neither (an energy meter measures it)");
        }
        if (kind == DeviceKind.CHARGER) {
            ProfileValue setPoint = values.stream().filter(v -> v.meaning().equals(Meanings.MAX_CURRENT)).findFirst()
                    .orElseThrow();
            if (!setPoint.writable() || !(setPoint.min() >= 0) || !(setPoint.max() <= 80)) {
                throw new IllegalArgumentException(at + ": '" + Meanings.MAX_CURRENT + "' must be writable, with "
                        + "write limits within 0-80 A");
            }
            if (setPoint.min() > 0 && !seen.contains(Meanings.CHARGE_ENABLE)) {
                throw new IllegalArgumentException(at + ": the set point cannot be 0 A (write min "
                        + setPoint.min() + "), so the profile must map '" + Meanings.CHARGE_ENABLE
                        + "' to pause charging");
            }
            for (String w : List.of(Meanings.CHARGE_ENABLE, Meanings.CONNECTOR_LOCK)) {
                values.stream().filter(v -> v.meaning().equals(w) && !v.writable()).findFirst().ifPresent(v -> {
                    throw new IllegalArgumentException(at + ": '" + w + "' must be writable");
                });
            }
        }
        return new DeviceProfile(id, kind, text(root, "vendor", at), text(root, "model", at), rated, source, values);
    }

    private static ProfileValue value(Map<String, Object> v, DeviceKind kind, String at) {
        unknown(v, VALUE_MEMBERS, at);
        String meaning = text(v, "meaning", at);
        at = at + " '" + meaning + "'";
        if (!kind.meanings().contains(meaning)) {
            throw new IllegalArgumentException(at + ": not a meaning of a " + kind.name().toLowerCase(Locale.ROOT)
                    + " (one of " + new java.util.TreeSet<>(kind.meanings()) + ")");
        }
        RegisterFunction function = choice(RegisterFunction.class, text(v, "function", at), "function", at);
        double addressNumber = number(v, "address", at);
        if (addressNumber != Math.rint(addressNumber) || addressNumber < 0 || addressNumber > 65535) {
            throw new IllegalArgumentException(at + ": address must be a whole number 0-65535 (the zero-based "
                    + "address on the wire)");
        }
        int address = (int) addressNumber;
        ValueType type = v.containsKey("type") ? choice(ValueType.class, text(v, "type", at), "type", at)
                : function.registers() ? ValueType.UINT16 : ValueType.BOOL;
        if (!function.registers() && type != ValueType.BOOL) {
            throw new IllegalArgumentException(at + ": a " + function.name().toLowerCase(Locale.ROOT)
                    + " is one bit: its type is bool");
        }
        if (address + type.words() - 1 > 65535) {
            throw new IllegalArgumentException(at + ": " + type + " at " + address + " runs past register 65535");
        }
        int bit = -1;
        if (v.containsKey("bit")) {
            double b = number(v, "bit", at);
            if (!function.registers() || type != ValueType.BOOL || b != Math.rint(b) || b < 0 || b > 15) {
                throw new IllegalArgumentException(at + ": bit (0-15) is for a bool kept in one bit of a register");
            }
            bit = (int) b;
        } else if (function.registers() && type == ValueType.BOOL) {
            throw new IllegalArgumentException(at + ": a bool in a register needs its bit (0-15)");
        }
        boolean lowWordFirst = order(v, "wordOrder", "high-first", "low-first", at);
        boolean littleBytes = order(v, "byteOrder", "big", "little", at);
        double scale = v.containsKey("scale") ? number(v, "scale", at) : 1;
        if (!(scale != 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException(at + ": scale must be a non-zero number");
        }
        String encoding = v.containsKey("encoding") ? text(v, "encoding", at) : null;
        if (encoding != null && !((DALI_FADE_TIME.equals(encoding) || IEC61851_LETTER.equals(encoding))
                && type == ValueType.UINT16)) {
            throw new IllegalArgumentException(at + ": the encodings are '" + DALI_FADE_TIME + "' and '"
                    + IEC61851_LETTER + "', on a uint16");
        }
        String unit = v.containsKey("unit") ? text(v, "unit", at) : null;
        boolean writable = v.containsKey("write");
        double min = Double.NEGATIVE_INFINITY;
        double max = Double.POSITIVE_INFINITY;
        if (writable) {
            if (!function.writable()) {
                throw new IllegalArgumentException(at + ": " + function.name().toLowerCase(Locale.ROOT)
                        + " values cannot be written; only holding registers and coils can");
            }
            if (bit >= 0) {
                throw new IllegalArgumentException(at + ": a bit of a register cannot be written on its own");
            }
            Map<String, Object> limits = object(v.get("write"), at + " write");
            unknown(limits, Set.of("min", "max"), at + " write");
            if (type != ValueType.BOOL) {
                min = number(limits, "min", at + " write");
                max = number(limits, "max", at + " write");
                if (!(min <= max)) {
                    throw new IllegalArgumentException(at + ": write min must not exceed max");
                }
            }
        }
        return new ProfileValue(meaning, function, address, type, lowWordFirst, littleBytes, bit, scale, encoding,
                unit, writable, min, max);
    }

    private static boolean order(Map<String, Object> v, String key, String usual, String other, String at) {
        if (!v.containsKey(key)) {
            return false;
        }
        String s = text(v, key, at);
        if (s.equals(usual) || s.equals(other)) {
            return s.equals(other);
        }
        throw new IllegalArgumentException(at + ": " + key + " is '" + usual + "' or '" + other + "', not '" + s + "'");
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String text, String key, String at) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(text)) {
                return e;
            }
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(e.name().toLowerCase(Locale.ROOT));
        }
        throw new IllegalArgumentException(at + ": " + key + " '" + text + "' is not one of " + names);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object o, String at) {
        if (o instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new IllegalArgumentException(at + ": expected a JSON object");
    }

    private static void unknown(Map<String, Object> map, Set<String> known, String at) {
        for (String key : map.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException(at + ": unknown member '" + key + "' (known: "
                        + new java.util.TreeSet<>(known) + ")");
            }
        }
    }

    private static String text(Map<String, Object> map, String key, String at) {
        if (map.get(key) instanceof String s && !s.isBlank()) {
            return s;
        }
        throw new IllegalArgumentException(at + ": '" + key + "' must be a non-empty string");
    }

    private static double number(Map<String, Object> map, String key, String at) {
        if (map.get(key) instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException(at + ": '" + key + "' must be a number");
    }
}
