package org.lampyris.coap.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CborTest {

    private static final HexFormat HEX = HexFormat.of();

    private static String hex(Object value) {
        return HEX.formatHex(Cbor.encode(value));
    }

    private static Object decodeHex(String hex) throws BadPayloadException {
        return Cbor.decode(HEX.parseHex(hex));
    }

    /** The examples of RFC 8949 appendix A for integers. */
    @ParameterizedTest(name = "{0} encodes as {1}")
    @CsvSource({
            "0, 00",
            "1, 01",
            "10, 0a",
            "23, 17",
            "24, 1818",
            "25, 1819",
            "100, 1864",
            "255, 18ff",
            "256, 190100",
            "1000, 1903e8",
            "65535, 19ffff",
            "65536, 1a00010000",
            "1000000, 1a000f4240",
            "4294967295, 1affffffff",
            "4294967296, 1b0000000100000000",
            "1000000000000, 1b000000e8d4a51000",
            "9223372036854775807, 1b7fffffffffffffff",
            "-1, 20",
            "-10, 29",
            "-24, 37",
            "-25, 3818",
            "-100, 3863",
            "-256, 38ff",
            "-257, 390100",
            "-1000, 3903e7",
            "-65537, 3a00010000",
            "-4294967297, 3b0000000100000000",
            "-9223372036854775808, 3b7fffffffffffffff" })
    void integersOfEveryWidthEncodeInTheShortestHeadAndDecodeBack(long value, String expected) throws Exception {
        assertThat(hex(value)).isEqualTo(expected);
        assertThat(decodeHex(expected)).isEqualTo(value);
    }

    @Test
    void smallerIntegerTypesEncodeLikeLongs() {
        assertThat(hex(24)).isEqualTo("1818");
        assertThat(hex((short) -25)).isEqualTo("3818");
        assertThat(hex((byte) 7)).isEqualTo("07");
    }

    @Test
    void integersBeyondTheRangeOfALongAreRefused() {
        assertThatThrownBy(() -> decodeHex("1bffffffffffffffff"))
                .isInstanceOf(BadPayloadException.class)
                .hasMessage("invalid CBOR at offset 0: integer 18446744073709551615 does not fit in 64 bits");
        assertThatThrownBy(() -> decodeHex("3b8000000000000000"))
                .hasMessageContaining("does not fit in 64 bits");
    }

    @ParameterizedTest(name = "{0} encodes as {1}")
    @CsvSource({
            "0.0, f90000",
            "-0.0, f98000",
            "1.0, f93c00",
            "1.5, f93e00",
            "65504.0, f97bff",
            "5.960464477539063E-8, f90001",
            "6.103515625E-5, f90400",
            "-4.0, f9c400",
            "100000.0, fa47c35000",
            "3.4028234663852886E38, fa7f7fffff",
            "1.1, fb3ff199999999999a",
            "1.0E300, fb7e37e43c8800759c",
            "-4.1, fbc010666666666666",
            "Infinity, f97c00",
            "-Infinity, f9fc00" })
    void doublesEncodeAsTheShortestExactFloatAndDecodeBack(double value, String expected) throws Exception {
        assertThat(hex(value)).isEqualTo(expected);
        assertThat(Double.doubleToRawLongBits((Double) decodeHex(expected)))
                .isEqualTo(Double.doubleToRawLongBits(value));
    }

    @Test
    void nanEncodesAsTheCanonicalHalfAndDecodesToNan() throws Exception {
        assertThat(hex(Double.NaN)).isEqualTo("f97e00");
        assertThat((Double) decodeHex("f97e00")).isNaN();
        assertThat((Double) decodeHex("fa7fc00000")).isNaN();
    }

    @Test
    void everyHalfPrecisionValueSurvivesTheRoundTripThroughDouble() {
        for (int half = 0; half <= 0xffff; half++) {
            double d = Cbor.fromHalf(half);
            if (Double.isNaN(d)) {
                continue;
            }
            assertThat(Cbor.toHalfExactly((float) d)).as("half %04x", half).isEqualTo(half);
        }
    }

    @Test
    void floatsThatNoHalfRepresentsExactlyStaySingle() {
        assertThat(Cbor.toHalfExactly(65520f)).isEqualTo(-1); // beyond the largest half
        assertThat(Cbor.toHalfExactly(1.0f + 0x1p-11f)).isEqualTo(-1); // 11 significant bits
        assertThat(Cbor.toHalfExactly(0x1p-25f)).isEqualTo(-1); // below the smallest subnormal half
        assertThat(Cbor.toHalfExactly(3 * 0x1p-24f)).isEqualTo(3); // a subnormal half
    }

    @Test
    void singleAndDoublePrecisionFloatsDecode() throws Exception {
        assertThat(decodeHex("fa47c35000")).isEqualTo(100000.0);
        assertThat(decodeHex("fb3ff199999999999a")).isEqualTo(1.1);
    }

    @Test
    void textStringsAreUtf8WithTheirByteLength() throws Exception {
        assertThat(hex("")).isEqualTo("60");
        assertThat(hex("a")).isEqualTo("6161");
        assertThat(hex("IETF")).isEqualTo("6449455446");
        assertThat(hex("\u00fc")).isEqualTo("62c3bc");
        assertThat(hex("\u6c34")).isEqualTo("63e6b0b4");
        assertThat(hex("\ud800\udd51")).isEqualTo("64f0908591");
        String long24 = "x".repeat(24);
        assertThat(hex(long24)).startsWith("7818");
        String long300 = "y".repeat(300);
        assertThat(hex(long300)).startsWith("79012c");
        for (String s : List.of("", "a", "\u00fc\u6c34\ud800\udd51", long24, long300)) {
            assertThat(Cbor.decode(Cbor.encode(s))).isEqualTo(s);
        }
    }

    @Test
    void byteStringsRoundTrip() throws Exception {
        assertThat(hex(new byte[] { 1, 2, 3, 4 })).isEqualTo("4401020304");
        assertThat((byte[]) decodeHex("4401020304")).containsExactly(1, 2, 3, 4);
    }

    @Test
    void simpleValuesAreFalseTrueAndNull() throws Exception {
        assertThat(hex(false)).isEqualTo("f4");
        assertThat(hex(true)).isEqualTo("f5");
        assertThat(hex(null)).isEqualTo("f6");
        assertThat(decodeHex("f4")).isEqualTo(false);
        assertThat(decodeHex("f5")).isEqualTo(true);
        assertThat(decodeHex("f6")).isNull();
    }

    @Test
    void arraysRoundTrip() throws Exception {
        assertThat(hex(List.of())).isEqualTo("80");
        assertThat(hex(List.of(1, 2, 3))).isEqualTo("83010203");
        assertThat(hex(List.of(1, List.of(2, 3), List.of(4, 5)))).isEqualTo("8301820203820405");
        List<Object> twentyFive = new ArrayList<>();
        for (long i = 1; i <= 25; i++) {
            twentyFive.add(i);
        }
        assertThat(hex(twentyFive)).isEqualTo("98190102030405060708090a0b0c0d0e0f101112131415161718181819");
        assertThat(Cbor.decode(Cbor.encode(twentyFive))).isEqualTo(twentyFive);
        List<Object> mixed = Arrays.asList(1L, "two", 3.5, true, null, List.of(-7L), Map.of("k", "v"));
        assertThat(Cbor.decode(Cbor.encode(mixed))).isEqualTo(mixed);
    }

    @Test
    void mapsRoundTripInOrderWithIntegerAndStringKeys() throws Exception {
        assertThat(hex(Map.of())).isEqualTo("a0");
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put(1L, 2L);
        map.put(3L, 4L);
        assertThat(hex(map)).isEqualTo("a201020304");
        Map<Object, Object> nested = new LinkedHashMap<>();
        nested.put("a", 1L);
        nested.put("b", List.of(2L, 3L));
        nested.put(-2L, "negative key");
        assertThat(HEX.formatHex(Cbor.encode(nested))).startsWith("a3616101616282020321");
        Object decoded = Cbor.decode(Cbor.encode(nested));
        assertThat(decoded).isEqualTo(nested);
        assertThat(asMap(decoded).keySet()).containsExactly("a", "b", -2L);
    }

    @Test
    void valuesOfOtherTypesCannotBeEncoded() {
        assertThatThrownBy(() -> Cbor.encode(new Object()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot encode");
    }

    @Test
    void anEmptyInputIsNotADataItem() {
        assertThatThrownBy(() -> Cbor.decode(new byte[0]))
                .hasMessage("invalid CBOR at offset 0: no data item");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "5f| indefinite lengths are not supported",
            "9f01ff| indefinite lengths are not supported",
            "bf| indefinite lengths are not supported",
            "c074323031332d30332d32315432303a30343a30305a| tags are not supported",
            "ff| unexpected \"break\"",
            "f7| simple value 23 is not supported",
            "f820| simple value (1-byte) is not supported",
            "1c| reserved additional information 28",
            "19 01| truncated: needs 2 more bytes, 1 left",
            "fb3ff1| truncated: needs 8 more bytes, 2 left",
            "0102| 1 unexpected byte(s) after the data item",
            "62c3| text string declares 2 bytes, 1 left",
            "7bffffffffffffffff| text string declares 18446744073709551615 bytes, 0 left",
            "5a7fffffff00| byte string declares 2147483647 bytes, 1 left",
            "9a7fffffff01| array declares 2147483647 items, 1 bytes left",
            "ba00010000| map declares 65536 entries, 0 bytes left",
            "828101| truncated: expected a data item",
            "62c328| text string is not valid UTF-8",
            "a2616101616102| duplicate map key \"a\"",
            "a1800102| map keys must be integers or strings" })
    void malformedOrUnsupportedInputIsRefusedWithItsOffsetAndReason(String hex, String reason) {
        assertThatThrownBy(() -> decodeHex(hex.replace(" ", "")))
                .isInstanceOf(BadPayloadException.class)
                .hasMessageStartingWith("invalid CBOR at offset ")
                .hasMessageEndingWith(reason);
    }

    @Test
    void theOffsetOfAnErrorPointsAtTheFaultyItem() {
        assertThatThrownBy(() -> decodeHex("8301025f"))
                .hasMessage("invalid CBOR at offset 3: indefinite lengths are not supported");
    }

    @ParameterizedTest(name = "nesting {0}")
    @ValueSource(ints = { 32, 33 })
    void nestingIsLimitedTo32Levels(int levels) throws Exception {
        byte[] data = new byte[levels + 1];
        Arrays.fill(data, 0, levels, (byte) 0x81); // array of one item
        data[levels] = 0x00;
        if (levels <= Cbor.MAX_DEPTH) {
            assertThat(Cbor.decode(data)).isInstanceOf(List.class);
        } else {
            assertThatThrownBy(() -> Cbor.decode(data)).hasMessageEndingWith("nesting deeper than 32");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> asMap(Object value) {
        return (Map<Object, Object>) value;
    }
}
