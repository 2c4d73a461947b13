package org.lampyris.coap.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.lampyris.api.point.ValueKind.BOOLEAN;
import static org.lampyris.api.point.ValueKind.NUMBER;
import static org.lampyris.api.point.ValueKind.TEXT;
import static org.lampyris.coap.format.MediaTypes.JSON;
import static org.lampyris.coap.format.MediaTypes.SENML_CBOR;
import static org.lampyris.coap.format.MediaTypes.SENML_JSON;
import static org.lampyris.coap.format.MediaTypes.TEXT_PLAIN;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.lampyris.api.point.Reading;
import org.lampyris.api.point.ValueKind;

class PayloadReaderTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private static Reading read(ValueKind kind, int format, String payload) throws Exception {
        return PayloadReader.read(kind, format, payload.getBytes(StandardCharsets.UTF_8), NOW);
    }

    private static Reading readCbor(ValueKind kind, Object pack) throws Exception {
        return PayloadReader.read(kind, SENML_CBOR, Cbor.encode(pack), NOW);
    }

    private static Map<Object, Object> map(Object... keysAndValues) {
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    // ------------------------------------------------------------------------------------------------ good input

    @Test
    void theReadingIsStampedWithTheGivenTime() throws Exception {
        assertThat(read(NUMBER, TEXT_PLAIN, "30")).isEqualTo(Reading.of(30, NOW));
    }

    @ParameterizedTest(name = "\"{0}\" is {1}")
    @MethodSource
    void plainTextNumbersAreDecimal(String text, double expected) throws Exception {
        assertThat(read(NUMBER, TEXT_PLAIN, text).number()).isEqualTo(expected);
    }

    static Stream<Arguments> plainTextNumbersAreDecimal() {
        return Stream.of(arguments("30", 30.0), arguments(" 30\n", 30.0), arguments("-2.5", -2.5),
                arguments("+7", 7.0), arguments("1e3", 1000.0), arguments("1.", 1.0), arguments(".5", 0.5),
                arguments("0012", 12.0), arguments("2.5E-3", 0.0025));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = { "true", "TRUE", "True", "1", " true\n" })
    void plainTextBooleansAcceptTrueAndOneInAnyCase(String text) throws Exception {
        assertThat(read(BOOLEAN, TEXT_PLAIN, text).bool()).isTrue();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = { "false", "FALSE", "fAlSe", "0", "\t0 " })
    void plainTextBooleansAcceptFalseAndZeroInAnyCase(String text) throws Exception {
        assertThat(read(BOOLEAN, TEXT_PLAIN, text).bool()).isFalse();
    }

    @Test
    void plainTextForATextPointIsTakenAsIs() throws Exception {
        assertThat(read(TEXT, TEXT_PLAIN, " C\n").value()).isEqualTo(" C\n");
        assertThat(read(TEXT, TEXT_PLAIN, "\u00e9t\u00e9").value()).isEqualTo("\u00e9t\u00e9");
        assertThat(read(TEXT, TEXT_PLAIN, "30").value()).isEqualTo("30");
    }

    @Test
    void jsonMayBeABareValue() throws Exception {
        assertThat(read(NUMBER, JSON, "30").number()).isEqualTo(30);
        assertThat(read(NUMBER, JSON, " 12.5 ").number()).isEqualTo(12.5);
        assertThat(read(BOOLEAN, JSON, "true").bool()).isTrue();
        assertThat(read(TEXT, JSON, "\"C\"").value()).isEqualTo("C");
    }

    @Test
    void jsonMayBeAnObjectWithAValueMember() throws Exception {
        assertThat(read(NUMBER, JSON, "{\"value\": 30}").number()).isEqualTo(30);
        assertThat(read(BOOLEAN, JSON, "{\"value\": false}").bool()).isFalse();
        assertThat(read(TEXT, JSON, "{\"value\": \"B\"}").value()).isEqualTo("B");
    }

    @Test
    void whatAJsonGetReturnsCanBeWrittenBack() throws Exception {
        Reading original = Reading.of(42.5, NOW.minusSeconds(5));
        byte[] payload = PayloadWriter.json("/light/level", "%", original);
        Reading written = PayloadReader.read(NUMBER, "%", JSON, payload, NOW);
        assertThat(written).isEqualTo(Reading.of(42.5, NOW));
    }

    @Test
    void senmlJsonTakesTheValueFieldOfTheKind() throws Exception {
        assertThat(read(NUMBER, SENML_JSON, "[{\"n\":\"light/level\",\"u\":\"%\",\"v\":30}]").number())
                .isEqualTo(30);
        assertThat(read(BOOLEAN, SENML_JSON, "[{\"vb\":true}]").bool()).isTrue();
        assertThat(read(TEXT, SENML_JSON, "[{\"bn\":\"urn:dev:lampyris:post-1:\",\"n\":\"ev/state\",\"vs\":\"A\"}]")
                .value()).isEqualTo("A");
    }

    @Test
    void senmlJsonAddsTheBaseValue() throws Exception {
        assertThat(read(NUMBER, SENML_JSON, "[{\"bv\":20,\"v\":5}]").number()).isEqualTo(25);
        assertThat(read(NUMBER, SENML_JSON, "[{\"bv\":20}]").number()).isEqualTo(20);
    }

    @Test
    void senmlJsonIgnoresFieldsItDoesNotNeed() throws Exception {
        assertThat(read(NUMBER, SENML_JSON, "[{\"bt\":1.7e9,\"t\":-5,\"ut\":60,\"bver\":10,\"x\":1,\"v\":3}]")
                .number()).isEqualTo(3);
    }

    @Test
    void whatASenmlGetReturnsCanBeWrittenBack() throws Exception {
        List<SenmlRecord> record = List.of(new SenmlRecord("light/level", "%", Reading.of(55, NOW)));
        assertThat(PayloadReader.read(NUMBER, "%", SENML_JSON, PayloadWriter.senmlJson("urn:x:", record), NOW)
                .number()).isEqualTo(55);
        assertThat(PayloadReader.read(NUMBER, "%", SENML_CBOR, PayloadWriter.senmlCbor("urn:x:", record), NOW)
                .number()).isEqualTo(55);
        List<SenmlRecord> text = List.of(new SenmlRecord("ev/state", "", Reading.of("C", NOW)));
        assertThat(PayloadReader.read(TEXT, "", SENML_CBOR, PayloadWriter.senmlCbor("urn:x:", text), NOW)
                .value()).isEqualTo("C");
    }

    @Test
    void senmlCborUnderstandsTheIntegerLabels() throws Exception {
        assertThat(readCbor(NUMBER, List.of(map(-2L, "urn:x:", 0L, "light/level", 1L, "%", 2L, 30L))).number())
                .isEqualTo(30);
        assertThat(readCbor(NUMBER, List.of(map(2L, 12.5))).number()).isEqualTo(12.5);
        assertThat(readCbor(NUMBER, List.of(map(-5L, 10L, 2L, 2L))).number()).isEqualTo(12);
        assertThat(readCbor(BOOLEAN, List.of(map(4L, true))).bool()).isTrue();
        assertThat(readCbor(TEXT, List.of(map(3L, "D"))).value()).isEqualTo("D");
    }

    @Test
    void aMatchingUnitIsAccepted() throws Exception {
        assertThat(PayloadReader.read(NUMBER, "%", SENML_JSON, bytes("[{\"u\":\"%\",\"v\":1}]"), NOW).number())
                .isEqualTo(1);
        assertThat(PayloadReader.read(NUMBER, "%", SENML_JSON, bytes("[{\"bu\":\"%\",\"v\":1}]"), NOW).number())
                .isEqualTo(1);
        assertThat(PayloadReader.read(NUMBER, "%", JSON, bytes("{\"value\":1,\"unit\":\"%\"}"), NOW).number())
                .isEqualTo(1);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------------------------------------ bad input

    @ParameterizedTest(name = "{0} {1}: {3}")
    @MethodSource
    void badInputIsRefusedWithAMessageNamingTheProblem(ValueKind kind, int format, String payload, String message) {
        assertThatThrownBy(() -> read(kind, format, payload))
                .isInstanceOf(BadPayloadException.class)
                .hasMessage(message);
    }

    static Stream<Arguments> badInputIsRefusedWithAMessageNamingTheProblem() {
        return Stream.of(
                // every format
                arguments(NUMBER, TEXT_PLAIN, "", "payload is empty"),
                arguments(TEXT, JSON, "", "payload is empty"),
                arguments(NUMBER, SENML_CBOR, "", "payload is empty"),
                // text/plain
                arguments(NUMBER, TEXT_PLAIN, "abc", "expected a number, got \"abc\""),
                arguments(NUMBER, TEXT_PLAIN, "NaN", "expected a number, got \"NaN\""),
                arguments(NUMBER, TEXT_PLAIN, "Infinity", "expected a number, got \"Infinity\""),
                arguments(NUMBER, TEXT_PLAIN, "-Infinity", "expected a number, got \"-Infinity\""),
                arguments(NUMBER, TEXT_PLAIN, "0x1F", "expected a number, got \"0x1F\""),
                arguments(NUMBER, TEXT_PLAIN, "0x1p3", "expected a number, got \"0x1p3\""),
                arguments(NUMBER, TEXT_PLAIN, "1d", "expected a number, got \"1d\""),
                arguments(NUMBER, TEXT_PLAIN, "1,5", "expected a number, got \"1,5\""),
                arguments(NUMBER, TEXT_PLAIN, "   ", "expected a number, got \"   \""),
                arguments(NUMBER, TEXT_PLAIN, "30\n\u0001", "expected a number, got \"30\\n\\u0001\""),
                arguments(NUMBER, TEXT_PLAIN, "1e999", "number \"1e999\" is out of range"),
                arguments(NUMBER, TEXT_PLAIN, "x".repeat(50),
                        "expected a number, got \"" + "x".repeat(40) + "...\""),
                arguments(BOOLEAN, TEXT_PLAIN, "yes", "expected true or false, got \"yes\""),
                arguments(BOOLEAN, TEXT_PLAIN, "2", "expected true or false, got \"2\""),
                // application/json
                arguments(NUMBER, JSON, "abc", "invalid JSON at offset 0: expected a value, got 'a'"),
                arguments(NUMBER, JSON, "{\"value\":",
                        "invalid JSON at offset 9: expected a value, got the end of the input"),
                arguments(NUMBER, JSON, "\"30\"", "expected a number, got \"30\""),
                arguments(NUMBER, JSON, "true", "expected a number, got true"),
                arguments(NUMBER, JSON, "null", "expected a number, got null"),
                arguments(NUMBER, JSON, "[30]", "expected a number, got an array"),
                arguments(NUMBER, JSON, "1e400", "invalid JSON at offset 0: number 1e400 is out of range"),
                arguments(NUMBER, JSON, "{\"level\":30}", "JSON object has no \"value\" member"),
                arguments(NUMBER, JSON, "{\"value\":\"30\"}", "expected a number in \"value\", got \"30\""),
                arguments(BOOLEAN, JSON, "1", "expected true or false, got 1"),
                arguments(BOOLEAN, JSON, "{\"value\":\"on\"}", "expected true or false in \"value\", got \"on\""),
                arguments(TEXT, JSON, "30", "expected a string, got 30"),
                arguments(TEXT, JSON, "C", "invalid JSON at offset 0: expected a value, got 'C'"),
                arguments(TEXT, JSON, "{\"value\":{}}", "expected a string in \"value\", got an object"),
                arguments(NUMBER, JSON, "{\"value\":1,\"unit\":5}", "\"unit\" must be a string, got 5"),
                // application/senml+json
                arguments(NUMBER, SENML_JSON, "{\"v\":1}",
                        "a SenML pack must be a JSON array of records, got an object"),
                arguments(NUMBER, SENML_JSON, "[]",
                        "a SenML pack written to a point must hold exactly one record, got 0"),
                arguments(NUMBER, SENML_JSON, "[{\"v\":1},{\"v\":2}]",
                        "a SenML pack written to a point must hold exactly one record, got 2"),
                arguments(NUMBER, SENML_JSON, "[30]", "a SenML record must be a JSON object, got 30"),
                arguments(NUMBER, SENML_JSON, "[{\"n\":\"light/level\"}]",
                        "SenML record has no value; this point takes a number in \"v\""),
                arguments(NUMBER, SENML_JSON, "[{\"vb\":true}]",
                        "SenML record has \"vb\" but this point takes a number in \"v\""),
                arguments(NUMBER, SENML_JSON, "[{\"vs\":\"30\"}]",
                        "SenML record has \"vs\" but this point takes a number in \"v\""),
                arguments(BOOLEAN, SENML_JSON, "[{\"v\":1}]",
                        "SenML record has \"v\" but this point takes a boolean in \"vb\""),
                arguments(TEXT, SENML_JSON, "[{\"vd\":\"AQI\"}]",
                        "SenML record has \"vd\" but this point takes a string in \"vs\""),
                arguments(NUMBER, SENML_JSON, "[{\"v\":1,\"vb\":true}]",
                        "SenML record has more than one value field: \"v\", \"vb\""),
                arguments(NUMBER, SENML_JSON, "[{\"v\":\"30\"}]", "SenML \"v\" must be a number, got \"30\""),
                arguments(NUMBER, SENML_JSON, "[{\"bv\":\"x\",\"v\":1}]", "SenML \"bv\" must be a number, got \"x\""),
                arguments(BOOLEAN, SENML_JSON, "[{\"vb\":1}]", "SenML \"vb\" must be true or false, got 1"),
                arguments(TEXT, SENML_JSON, "[{\"vs\":3}]", "SenML \"vs\" must be a string, got 3"),
                arguments(NUMBER, SENML_JSON, "[{\"v\":1,\"u\":7}]", "SenML \"u\" must be a string, got 7"),
                arguments(NUMBER, SENML_JSON, "[{\"v\":1,\"foo_\":1}]",
                        "SenML field \"foo_\" must be understood but is not supported"),
                arguments(NUMBER, SENML_JSON, "[{\"v\":1e308,\"bv\":1e308}]",
                        "expected a finite number, got Infinity"),
                arguments(NUMBER, SENML_JSON, "[{\"v\":1,}]",
                        "invalid JSON at offset 8: expected a member name in double quotes, got '}'"));
    }

    @Test
    void badSenmlCborIsRefusedWithAMessageNamingTheProblem() {
        assertThatThrownBy(() -> readCbor(NUMBER, map(2L, 1L)))
                .hasMessage("a SenML pack must be a CBOR array of records, got an object");
        assertThatThrownBy(() -> readCbor(NUMBER, List.of(1L)))
                .hasMessage("a SenML record must be a CBOR map, got 1");
        assertThatThrownBy(() -> readCbor(NUMBER, List.of(map(4L, true))))
                .hasMessage("SenML record has \"vb\" but this point takes a number in \"v\"");
        assertThatThrownBy(() -> readCbor(BOOLEAN, List.of(map(2L, 1L))))
                .hasMessage("SenML record has \"v\" but this point takes a boolean in \"vb\"");
        assertThatThrownBy(() -> readCbor(TEXT, List.of(map(8L, new byte[] { 1 }))))
                .hasMessage("SenML record has \"vd\" but this point takes a string in \"vs\"");
        assertThatThrownBy(() -> readCbor(NUMBER, List.of(map(2L, Double.NaN))))
                .hasMessage("expected a finite number, got NaN");
        assertThatThrownBy(() -> readCbor(NUMBER, List.of(map(2L, Double.POSITIVE_INFINITY))))
                .hasMessage("expected a finite number, got Infinity");
        assertThatThrownBy(() -> readCbor(NUMBER, List.of(map(2L, 1L, "v", 2L))))
                .hasMessage("SenML field \"v\" appears twice");
        assertThatThrownBy(() -> readCbor(NUMBER, List.of(map(2.5, 1L))))
                .hasMessage("a SenML record key must be a label or a string, got 2.5");
        assertThatThrownBy(() -> PayloadReader.read(NUMBER, SENML_CBOR, new byte[] { (byte) 0x81, 0x5f }, NOW))
                .hasMessage("invalid CBOR at offset 1: indefinite lengths are not supported");
        assertThatThrownBy(() -> PayloadReader.read(NUMBER, SENML_CBOR, bytes("[{\"v\":1}]"), NOW))
                .isInstanceOf(BadPayloadException.class)
                .hasMessage("invalid CBOR at offset 0: byte string declares 8872784105250585949 bytes, 0 left");
    }

    @Test
    void unknownCborLabelsAreIgnored() throws Exception {
        assertThat(readCbor(NUMBER, List.of(map(2L, 1L, 99L, "x", -99L, "y"))).number()).isEqualTo(1);
    }

    @Test
    void aUnitOtherThanThePointsIsRefused() {
        assertThatThrownBy(() -> PayloadReader.read(NUMBER, "%", SENML_JSON, bytes("[{\"u\":\"W\",\"v\":1}]"), NOW))
                .isInstanceOf(BadPayloadException.class)
                .hasMessage("unit \"W\" does not match the point's unit \"%\"");
        assertThatThrownBy(() -> PayloadReader.read(NUMBER, "", SENML_JSON, bytes("[{\"bu\":\"W\",\"v\":1}]"), NOW))
                .hasMessage("unit \"W\" does not match the point's unit (none)");
        assertThatThrownBy(() -> PayloadReader.read(NUMBER, "%", JSON, bytes("{\"value\":1,\"unit\":\"W\"}"), NOW))
                .hasMessage("unit \"W\" does not match the point's unit \"%\"");
        assertThatThrownBy(() -> PayloadReader.read(NUMBER, "%", SENML_CBOR,
                Cbor.encode(List.of(map(1L, "W", 2L, 1L))), NOW))
                .hasMessage("unit \"W\" does not match the point's unit \"%\"");
    }

    @Test
    void withoutAPointUnitAnyUnitIsAccepted() throws Exception {
        assertThat(read(NUMBER, SENML_JSON, "[{\"u\":\"W\",\"v\":1}]").number()).isEqualTo(1);
    }

    @Test
    void invalidUtf8IsRefused() {
        byte[] bad = { '3', (byte) 0xff };
        assertThatThrownBy(() -> PayloadReader.read(NUMBER, TEXT_PLAIN, bad, NOW))
                .hasMessage("text/plain payload is not valid UTF-8");
        assertThatThrownBy(() -> PayloadReader.read(NUMBER, JSON, bad, NOW))
                .hasMessage("JSON payload is not valid UTF-8");
    }

    @Test
    void aNullPayloadIsEmpty() {
        assertThatThrownBy(() -> PayloadReader.read(NUMBER, TEXT_PLAIN, null, NOW))
                .isInstanceOf(BadPayloadException.class)
                .hasMessage("payload is empty");
    }

    @Test
    void aPayloadOver1024BytesIsRefused() throws Exception {
        byte[] limit = ("\"" + "x".repeat(1022) + "\"").getBytes(StandardCharsets.US_ASCII);
        assertThat(PayloadReader.read(TEXT, JSON, limit, NOW).value()).isEqualTo("x".repeat(1022));
        byte[] over = ("\"" + "x".repeat(1023) + "\"").getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> PayloadReader.read(TEXT, JSON, over, NOW))
                .isInstanceOf(BadPayloadException.class)
                .hasMessage("payload is too large: 1025 bytes, at most 1024");
    }

    @Test
    void arbitraryBytesAreEitherAValueOrABadPayloadNeverAnotherException() {
        Random random = new Random(8428);
        byte[][] seeds = { bytes("[{\"n\":\"a\",\"v\":1.5,\"u\":\"%\"}]"),
                bytes("{\"value\":[true,null,\"x\\u0041\"]}"),
                Cbor.encode(List.of(map(-2L, "urn:x:", 0L, "a", 2L, 1.5, 6L, -1L))), bytes("  -12.5e3 ") };
        for (int i = 0; i < 20_000; i++) {
            byte[] payload;
            if (i % 2 == 0) {
                payload = new byte[random.nextInt(24)];
                random.nextBytes(payload);
            } else { // a mutated valid payload reaches deeper into the decoders
                payload = seeds[random.nextInt(seeds.length)].clone();
                for (int m = 0; m <= random.nextInt(3); m++) {
                    payload[random.nextInt(payload.length)] = (byte) random.nextInt(256);
                }
            }
            for (int format : MediaTypes.POINT_FORMATS) {
                for (ValueKind kind : ValueKind.values()) {
                    try {
                        Reading reading = PayloadReader.read(kind, format, payload, NOW);
                        // a JSON document is carried in a reading as its text
                        assertThat(reading.kind()).isEqualTo(kind == ValueKind.STRUCTURED ? ValueKind.TEXT : kind);
                    } catch (BadPayloadException expected) {
                        assertThat(expected.getMessage()).isNotBlank();
                    } catch (UnsupportedFormatException e) {
                        throw new AssertionError(e);
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "content format {0}")
    @ValueSource(ints = { MediaTypes.LINK_FORMAT, 41, 63, 111, 11542, -1 })
    void anotherContentFormatIsUnsupported(int format) {
        assertThatThrownBy(() -> PayloadReader.read(NUMBER, format, bytes("30"), NOW))
                .isInstanceOfSatisfying(UnsupportedFormatException.class,
                        e -> assertThat(e.contentFormat()).isEqualTo(format))
                .hasMessageContaining("unsupported content format")
                .hasMessageEndingWith("use one of text/plain (0), application/json (50), application/cbor (60), "
                        + "application/senml+json (110), application/senml+cbor (112)");
    }

    @Test
    void anUnsupportedFormatIsReportedBeforeAnEmptyPayload() {
        assertThatThrownBy(() -> PayloadReader.read(NUMBER, 63, new byte[0], NOW))
                .isInstanceOf(UnsupportedFormatException.class)
                .hasMessageStartingWith("unsupported content format 63;");
        assertThatThrownBy(() -> PayloadReader.read(NUMBER, -1, new byte[0], NOW))
                .hasMessageStartingWith("unsupported content format (none given);");
    }
}
