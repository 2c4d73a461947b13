package org.lampyris.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonTest {

    @Test
    void scalarsParseToLongDoubleStringBooleanAndNull() throws Exception {
        assertThat(Json.parse("30")).isEqualTo(30L);
        assertThat(Json.parse("-0")).isEqualTo(0L);
        assertThat(Json.parse("12.5")).isEqualTo(12.5);
        assertThat(Json.parse("1e3")).isEqualTo(1000.0);
        assertThat(Json.parse("-2.5E-3")).isEqualTo(-0.0025);
        assertThat(Json.parse("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(Json.parse("9223372036854775808")).isEqualTo(9.223372036854775808E18);
        assertThat(Json.parse("\"C\"")).isEqualTo("C");
        assertThat(Json.parse("true")).isEqualTo(true);
        assertThat(Json.parse("false")).isEqualTo(false);
        assertThat(Json.parse(" \t\r\n null \n")).isNull();
    }

    @Test
    void objectsParseToOrderedMapsAndArraysToLists() throws Exception {
        Object value = Json.parse("{\"b\": [1, 2.5, \"x\", null, {}], \"a\": {\"c\": []}}");
        assertThat(value).isInstanceOf(LinkedHashMap.class);
        Map<?, ?> map = (Map<?, ?>) value;
        assertThat(asMap(map).keySet()).containsExactly("b", "a");
        assertThat(map.get("b")).isEqualTo(Arrays.asList(1L, 2.5, "x", null, Map.of()));
        assertThat(map.get("a")).isEqualTo(Map.of("c", List.of()));
    }

    @Test
    void escapesInStringsAreDecoded() throws Exception {
        assertThat(Json.parse("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\u20AC\\ud83d\\ude00\""))
                .isEqualTo("a\"b\\c/d\b\f\n\r\t\u00e9\u20ac\ud83d\ude00");
    }

    @Test
    void utf8BytesAreDecodedStrictly() throws Exception {
        assertThat(Json.parse("\"\u00e9t\u00e9\"".getBytes(StandardCharsets.UTF_8))).isEqualTo("\u00e9t\u00e9");
        assertThatThrownBy(() -> Json.parse(new byte[] { '"', (byte) 0xc3, '"' }))
                .isInstanceOf(JsonException.class)
                .hasMessage("JSON payload is not valid UTF-8");
    }

    static Stream<Arguments> invalidJson() {
        return Stream.of(
                arguments("", 0, "expected a value, got the end of the input"),
                arguments("abc", 0, "expected a value, got 'a'"),
                arguments("tru", 0, "expected a value, got 't'"),
                arguments("NaN", 0, "expected a value, got 'N'"),
                arguments("Infinity", 0, "expected a value, got 'I'"),
                arguments("-Infinity", 1, "expected a digit, got 'I'"),
                arguments("0x1F", 1, "unexpected 'x' after the value"),
                arguments("01", 1, "leading zeros are not allowed in a number"),
                arguments("1.", 2, "expected a digit after '.', got the end of the input"),
                arguments(".5", 0, "expected a value, got '.'"),
                arguments("1e", 2, "expected a digit in the exponent, got the end of the input"),
                arguments("+1", 0, "expected a value, got '+'"),
                arguments("1e400", 0, "number 1e400 is out of range"),
                arguments("'x'", 0, "expected a value, got '''"),
                arguments("\"abc", 0, "unterminated string"),
                arguments("\"a\\x\"", 2, "invalid escape \"\\\\x\""),
                arguments("\"\\u12\"", 1, "\\u must be followed by four hexadecimal digits"),
                arguments("[1,]", 3, "expected a value, got ']'"),
                arguments("[1 2]", 3, "expected ',' or ']' in an array, got '2'"),
                arguments("{\"a\":1,}", 7, "expected a member name in double quotes, got '}'"),
                arguments("{a:1}", 1, "expected a member name in double quotes, got 'a'"),
                arguments("{\"a\" 1}", 5, "expected ':' after a member name, got '1'"),
                arguments("{\"a\":1 \"b\":2}", 7, "expected ',' or '}' in an object, got '\"'"),
                arguments("{\"a\":1,\"a\":2}", 7, "duplicate member \"a\""),
                arguments("1 2", 2, "unexpected '2' after the value"),
                arguments("[1] // comment", 4, "unexpected '/' after the value"));
    }

    @ParameterizedTest(name = "[{0}] at offset {1}")
    @MethodSource("invalidJson")
    void invalidJsonIsRefusedWithItsOffsetAndReason(String text, int offset, String reason) {
        assertThatThrownBy(() -> Json.parse(text))
                .isInstanceOf(JsonException.class)
                .hasMessage("invalid JSON at offset " + offset + ": " + reason);
    }

    @Test
    void controlCharactersMustBeEscapedInStrings() {
        assertThatThrownBy(() -> Json.parse("\"a\nb\""))
                .hasMessage("invalid JSON at offset 2: unescaped control character U+000A in a string");
    }

    @Test
    void nestingIsLimitedTo32Levels() throws Exception {
        assertThat(Json.parse("[".repeat(32) + "]".repeat(32))).isInstanceOf(List.class);
        assertThatThrownBy(() -> Json.parse("[".repeat(33) + "]".repeat(33)))
                .hasMessage("invalid JSON at offset 32: nesting deeper than 32");
        assertThatThrownBy(() -> Json.parse("{\"a\":".repeat(40) + "1" + "}".repeat(40)))
                .hasMessageEndingWith("nesting deeper than 32");
    }

    @Test
    void quotingEscapesQuotesBackslashesAndControlCharacters() {
        assertThat(Json.quote("plain")).isEqualTo("\"plain\"");
        assertThat(Json.quote("say \"hi\" \\o/")).isEqualTo("\"say \\\"hi\\\" \\\\o/\"");
        assertThat(Json.quote("a\nb\tc\rd\be\ff")).isEqualTo("\"a\\nb\\tc\\rd\\be\\ff\"");
        assertThat(Json.quote("\u0000\u0001\u001f\u007f")).isEqualTo("\"\\u0000\\u0001\\u001f\\u007f\"");
        assertThat(Json.quote("\u2028\u2029")).isEqualTo("\"\\u2028\\u2029\"");
    }

    @Test
    void quotingKeepsNonAsciiAndPairedSurrogatesButEscapesLoneSurrogates() {
        assertThat(Json.quote("\u00e9\u20ac\ud83d\ude00")).isEqualTo("\"\u00e9\u20ac\ud83d\ude00\"");
        assertThat(Json.quote("x\ud83dy\ude00")).isEqualTo("\"x\\ud83dy\\ude00\"");
    }

    @Test
    void everyQuotedStringParsesBackToItself() throws Exception {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x250; c++) {
            all.append(c);
        }
        all.append("\u2028\u2029\ud83d\ude00\ud800");
        String s = all.toString();
        assertThat(Json.parse(Json.quote(s))).isEqualTo(s);
        assertThat(Json.parse(Json.quote(s).getBytes(StandardCharsets.UTF_8))).isEqualTo(s);
    }

    @Test
    void numbersAreWrittenWithoutATrailingPointZeroWhenIntegral() {
        assertThat(Json.number(30.0)).isEqualTo("30");
        assertThat(Json.number(-7.0)).isEqualTo("-7");
        assertThat(Json.number(0.0)).isEqualTo("0");
        assertThat(Json.number(-0.0)).isEqualTo("0");
        assertThat(Json.number(12.5)).isEqualTo("12.5");
        assertThat(Json.number(0.1)).isEqualTo("0.1");
        assertThat(Json.number(1e-7)).isEqualTo("1.0E-7");
        assertThat(Json.number(1e20)).isEqualTo("1.0E20");
    }

    @Test
    void writtenNumbersParseBackToTheSameDouble() throws Exception {
        for (double d : new double[] { 0.1, 1.0 / 3, 1e-7, 1e20, -123456.789, Double.MIN_VALUE, Double.MAX_VALUE,
                999999999999999.0 }) {
            assertThat(((Number) Json.parse(Json.number(d))).doubleValue()).isEqualTo(d);
        }
    }

    @Test
    void nanAndInfinitiesCannotBeWritten() {
        assertThatThrownBy(() -> Json.number(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.number(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.write(List.of(Double.NEGATIVE_INFINITY)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void valuesAreWrittenCompactlyAndParseBack() throws Exception {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("s", "a\"b");
        map.put("n", 2.5);
        map.put("i", 42);
        map.put("b", true);
        map.put("z", null);
        map.put("l", List.of(1L, "x"));
        String json = Json.write(map);
        assertThat(json).isEqualTo("{\"s\":\"a\\\"b\",\"n\":2.5,\"i\":42,\"b\":true,\"z\":null,\"l\":[1,\"x\"]}");
        Map<String, Object> expected = new LinkedHashMap<>(map);
        expected.put("i", 42L);
        assertThat(Json.parse(json)).isEqualTo(expected);
    }

    @Test
    void onlyStringKeysAndKnownTypesCanBeWritten() {
        assertThatThrownBy(() -> Json.write(Map.of(1, 2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("member name must be a string");
        assertThatThrownBy(() -> Json.write(new Object())).isInstanceOf(IllegalArgumentException.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> asMap(Object value) {
        return (Map<Object, Object>) value;
    }
}
