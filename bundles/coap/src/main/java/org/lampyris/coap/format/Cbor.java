package org.lampyris.coap.format;

import org.lampyris.internal.json.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal CBOR codec (RFC 8949), plain JDK, for SenML CBOR (RFC 8428).
 * <p>
 * The encoder writes unsigned and negative integers (major types 0 and 1) in the shortest head, byte strings (2),
 * UTF-8 text strings (3), arrays (4) and maps (5) with definite lengths, and {@code false}, {@code true},
 * {@code null} and floats (7); a floating-point value is written as the shortest of half, single and double
 * precision that represents it exactly (RFC 8949 section 4.2.2 "preferred serialization").
 * <p>
 * The decoder yields the same object model as {@link Json#parse}: {@link Long} for integers, {@link Double} for
 * floats of every width, {@link String}, {@link Boolean}, {@code null}, {@code List<Object>} for arrays,
 * {@code Map<Object, Object>} ({@link LinkedHashMap}, in document order; keys are whatever the map holds, typically
 * {@link Long} or {@link String}) for maps, and {@code byte[]} for byte strings. It refuses indefinite lengths,
 * tags, simple values other than false/true/null, integers outside the range of a long, invalid UTF-8, duplicate
 * map keys, nesting deeper than {@value #MAX_DEPTH}, declared lengths beyond the remaining bytes, and trailing
 * bytes. Its errors read {@code invalid CBOR at offset N: ...}, the offset counting bytes from 0.
 */
public final class Cbor {
    /** The deepest nesting of arrays and maps that {@link #decode} accepts. */
    public static final int MAX_DEPTH = 32;

    private static final int UNSIGNED = 0;
    private static final int NEGATIVE = 1;
    private static final int BYTES = 2;
    private static final int TEXT = 3;
    private static final int ARRAY = 4;
    private static final int MAP = 5;
    private static final int TAG = 6;
    private static final int SIMPLE = 7;

    private Cbor() {
    }

    // ---------------------------------------------------------------------------------------------------- encoding

    /**
     * Encodes a value.
     *
     * @param value {@code null}, a {@link Boolean}, a {@link Long}, {@link Integer}, {@link Short} or {@link Byte},
     *            a {@link Double} or {@link Float}, a {@link String}, a {@code byte[]}, a {@code Collection} (an
     *            array) or a {@code Map} (keys and values encodable), nested as needed
     * @return the CBOR encoding
     * @throws IllegalArgumentException for a value of another type
     */
    public static byte[] encode(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        encode(value, out);
        return out.toByteArray();
    }

    private static void encode(Object value, ByteArrayOutputStream out) {
        if (value == null) {
            out.write(0xf6);
        } else if (value instanceof Boolean b) {
            out.write(b ? 0xf5 : 0xf4);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte) {
            long n = ((Number) value).longValue();
            if (n >= 0) {
                head(UNSIGNED, n, out);
            } else {
                head(NEGATIVE, ~n, out); // -1 - n
            }
        } else if (value instanceof Double || value instanceof Float) {
            writeFloat(((Number) value).doubleValue(), out);
        } else if (value instanceof String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            head(TEXT, utf8.length, out);
            out.writeBytes(utf8);
        } else if (value instanceof byte[] bytes) {
            head(BYTES, bytes.length, out);
            out.writeBytes(bytes);
        } else if (value instanceof Collection<?> list) {
            head(ARRAY, list.size(), out);
            for (Object item : list) {
                encode(item, out);
            }
        } else if (value instanceof Map<?, ?> map) {
            head(MAP, map.size(), out);
            for (Map.Entry<?, ?> e : map.entrySet()) {
                encode(e.getKey(), out);
                encode(e.getValue(), out);
            }
        } else {
            throw new IllegalArgumentException("cannot encode a " + value.getClass().getName() + " as CBOR");
        }
    }

    /** Writes a head: the major type and its argument, in the shortest form. */
    private static void head(int major, long argument, ByteArrayOutputStream out) {
        int mt = major << 5;
        if (argument >= 0 && argument < 24) {
            out.write(mt | (int) argument);
        } else if (argument >= 0 && argument <= 0xffL) {
            out.write(mt | 24);
            out.write((int) argument);
        } else if (argument >= 0 && argument <= 0xffffL) {
            out.write(mt | 25);
            writeBigEndian(argument, 2, out);
        } else if (argument >= 0 && argument <= 0xffff_ffffL) {
            out.write(mt | 26);
            writeBigEndian(argument, 4, out);
        } else {
            out.write(mt | 27); // an unsigned 64-bit argument, also when 'argument' is negative as a long
            writeBigEndian(argument, 8, out);
        }
    }

    private static void writeBigEndian(long value, int bytes, ByteArrayOutputStream out) {
        for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift) & 0xff);
        }
    }

    private static void writeFloat(double d, ByteArrayOutputStream out) {
        float f = (float) d;
        if (Double.isNaN(d)) {
            out.write(0xf9); // the canonical quiet NaN as a half
            writeBigEndian(0x7e00, 2, out);
        } else if (f != d) {
            out.write(0xfb);
            writeBigEndian(Double.doubleToRawLongBits(d), 8, out);
        } else {
            int half = toHalfExactly(f);
            if (half >= 0) {
                out.write(0xf9);
                writeBigEndian(half, 2, out);
            } else {
                out.write(0xfa);
                writeBigEndian(Float.floatToRawIntBits(f) & 0xffff_ffffL, 4, out);
            }
        }
    }

    /** @return the IEEE 754 binary16 bits of a float that a half represents exactly, or -1 if none does */
    static int toHalfExactly(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exponent = (bits >>> 23) & 0xff;
        int mantissa = bits & 0x7f_ffff;
        if (exponent == 0xff) {
            return mantissa == 0 ? sign | 0x7c00 : -1; // infinities; NaNs are handled by the caller
        }
        if (exponent == 0) {
            return mantissa == 0 ? sign : -1; // zeros; float subnormals are far below the half range
        }
        int e = exponent - 127;
        if (e >= -14 && e <= 15) { // a normal half, if the mantissa fits in 10 bits
            return (mantissa & 0x1fff) == 0 ? sign | (e + 15) << 10 | mantissa >>> 13 : -1;
        }
        if (e >= -24 && e < -14) { // a subnormal half: value = m * 2^-24 with m < 1024
            int significand = mantissa | 0x80_0000;
            int shift = -(e + 1); // m = significand * 2^(e + 1)
            if ((significand & ((1 << shift) - 1)) != 0) {
                return -1;
            }
            return sign | significand >>> shift;
        }
        return -1;
    }

    /** @return the value of IEEE 754 binary16 bits */
    static double fromHalf(int half) {
        int exponent = (half >>> 10) & 0x1f;
        int mantissa = half & 0x3ff;
        double value;
        if (exponent == 0) {
            value = Math.scalb((double) mantissa, -24);
        } else if (exponent != 31) {
            value = Math.scalb((double) (mantissa | 0x400), exponent - 25);
        } else {
            value = mantissa == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        }
        return (half & 0x8000) != 0 ? -value : value;
    }

    // ---------------------------------------------------------------------------------------------------- decoding

    /**
     * Decodes one CBOR data item that spans all of {@code data}.
     *
     * @return the value, as described in the class comment
     * @throws BadPayloadException if the bytes are not one well-formed item that this decoder supports
     */
    public static Object decode(byte[] data) throws BadPayloadException {
        Decoder decoder = new Decoder(data);
        if (data.length == 0) {
            throw decoder.error(0, "no data item");
        }
        Object value = decoder.item(0);
        if (decoder.pos < data.length) {
            throw decoder.error(decoder.pos, (data.length - decoder.pos) + " unexpected byte(s) after the data item");
        }
        return value;
    }

    private static final class Decoder {
        private final byte[] data;
        private int pos;

        Decoder(byte[] data) {
            this.data = data;
        }

        Object item(int depth) throws BadPayloadException {
            int start = pos;
            int initial = next(start, "a data item");
            int major = initial >>> 5;
            int info = initial & 0x1f;
            if (major == SIMPLE) {
                return simple(start, info);
            }
            if (info == 31) {
                throw error(start, major == TAG ? "tags are not supported"
                        : "indefinite lengths are not supported");
            }
            long argument = argument(start, info);
            switch (major) {
                case UNSIGNED:
                    if (argument < 0) {
                        throw error(start, "integer " + Long.toUnsignedString(argument) + " does not fit in 64 bits");
                    }
                    return argument;
                case NEGATIVE:
                    if (argument < 0) {
                        throw error(start, "integer -1-" + Long.toUnsignedString(argument)
                                + " does not fit in 64 bits");
                    }
                    return ~argument; // -1 - argument
                case BYTES:
                    return bytes(start, argument, "byte string");
                case TEXT:
                    byte[] utf8 = bytes(start, argument, "text string");
                    try {
                        return PayloadReader.decodeUtf8(utf8, "text");
                    } catch (BadPayloadException e) {
                        throw error(start, "text string is not valid UTF-8");
                    }
                case ARRAY: {
                    checkCount(start, argument, 1, "array");
                    checkDepth(start, depth);
                    int n = (int) argument;
                    List<Object> list = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        list.add(item(depth + 1));
                    }
                    return list;
                }
                case MAP: {
                    checkCount(start, argument, 2, "map");
                    checkDepth(start, depth);
                    int n = (int) argument;
                    Map<Object, Object> map = new LinkedHashMap<>();
                    for (int i = 0; i < n; i++) {
                        int keyAt = pos;
                        Object key = item(depth + 1);
                        if (key instanceof byte[] || key instanceof List || key instanceof Map) {
                            throw error(keyAt, "map keys must be integers or strings");
                        }
                        Object value = item(depth + 1);
                        if (map.containsKey(key)) {
                            throw error(keyAt, "duplicate map key "
                                    + (key instanceof String s ? Json.quote(s) : String.valueOf(key)));
                        }
                        map.put(key, value);
                    }
                    return map;
                }
                default: // TAG
                    throw error(start, "tags are not supported");
            }
        }

        private Object simple(int start, int info) throws BadPayloadException {
            switch (info) {
                case 20:
                    return Boolean.FALSE;
                case 21:
                    return Boolean.TRUE;
                case 22:
                    return null;
                case 25:
                    return fromHalf((int) fixed(start, 2));
                case 26:
                    return (double) Float.intBitsToFloat((int) fixed(start, 4));
                case 27:
                    return Double.longBitsToDouble(fixed(start, 8));
                case 31:
                    throw error(start, "unexpected \"break\"");
                default:
                    throw error(start, "simple value " + (info == 24 ? "(1-byte)" : Integer.toString(info))
                            + " is not supported");
            }
        }

        private long argument(int start, int info) throws BadPayloadException {
            if (info < 24) {
                return info;
            }
            return switch (info) {
                case 24 -> fixed(start, 1);
                case 25 -> fixed(start, 2);
                case 26 -> fixed(start, 4);
                case 27 -> fixed(start, 8);
                default -> throw error(start, "reserved additional information " + info);
            };
        }

        private long fixed(int start, int bytes) throws BadPayloadException {
            if (data.length - pos < bytes) {
                throw error(start, "truncated: needs " + bytes + " more bytes, " + (data.length - pos) + " left");
            }
            long value = 0;
            for (int i = 0; i < bytes; i++) {
                value = value << 8 | (data[pos++] & 0xff);
            }
            return value;
        }

        private byte[] bytes(int start, long length, String what) throws BadPayloadException {
            long left = data.length - pos;
            if (length < 0 || length > left) {
                throw error(start, what + " declares " + Long.toUnsignedString(length) + " bytes, " + left
                        + " left");
            }
            byte[] out = new byte[(int) length];
            System.arraycopy(data, pos, out, 0, out.length);
            pos += out.length;
            return out;
        }

        /** Each element takes at least one byte: a count beyond the remaining bytes cannot be honest. */
        private void checkCount(int start, long count, int bytesPerElement, String what) throws BadPayloadException {
            long left = data.length - pos;
            if (count < 0 || count > left / bytesPerElement) {
                throw error(start, what + " declares " + Long.toUnsignedString(count) + " "
                        + (bytesPerElement == 1 ? "items" : "entries") + ", " + left + " bytes left");
            }
        }

        private void checkDepth(int start, int depth) throws BadPayloadException {
            if (depth >= MAX_DEPTH) {
                throw error(start, "nesting deeper than " + MAX_DEPTH);
            }
        }

        private int next(int start, String what) throws BadPayloadException {
            if (pos >= data.length) {
                throw error(start, "truncated: expected " + what);
            }
            return data[pos++] & 0xff;
        }

        BadPayloadException error(int offset, String message) {
            return new BadPayloadException("invalid CBOR at offset " + offset + ": " + message);
        }
    }
}
