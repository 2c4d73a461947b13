package org.lampyris.coap.format;

import org.lampyris.internal.json.Json;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lampyris.api.point.Reading;

class PayloadWriterTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final long T0_SECONDS = 1_795_341_600L;
    private static final String BASE = "urn:dev:lampyris:post-1:";

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static List<SenmlRecord> lightPack() {
        return List.of(
                new SenmlRecord("light/level", "%", Reading.of(30, T0)),
                new SenmlRecord("light/power", "W", Reading.of(12.5, T0.plusMillis(1500))),
                new SenmlRecord("light/lamp-failure", "", Reading.of(false, T0)),
                new SenmlRecord("ev/state", "", Reading.of("C", T0.minusSeconds(60))));
    }

    // ------------------------------------------------------------------------------------------------ text/plain

    @Test
    void plainTextIsTheReadingsTextInUtf8() {
        assertThat(utf8(PayloadWriter.text(Reading.of(30, T0)))).isEqualTo("30");
        assertThat(utf8(PayloadWriter.text(Reading.of(12.5, T0)))).isEqualTo("12.5");
        assertThat(utf8(PayloadWriter.text(Reading.of(true, T0)))).isEqualTo("true");
        assertThat(PayloadWriter.text(Reading.of("\u00e9", T0))).containsExactly(0xc3, 0xa9);
    }

    // ------------------------------------------------------------------------------------------------ JSON

    @Test
    void aJsonReadingCarriesPathValueUnitAndTime() {
        assertThat(utf8(PayloadWriter.json("/light/level", "%", Reading.of(30, T0))))
                .isEqualTo("{\"path\":\"/light/level\",\"value\":30,\"unit\":\"%\",\"time\":\"2026-11-22T10:00:00Z\"}");
    }

    @Test
    void aJsonReadingOmitsAnEmptyUnit() {
        assertThat(utf8(PayloadWriter.json("/light/lamp-failure", "", Reading.of(true, T0))))
                .isEqualTo("{\"path\":\"/light/lamp-failure\",\"value\":true,\"time\":\"2026-11-22T10:00:00Z\"}");
    }

    @Test
    void jsonNumbersAreIntegralWithoutPointZeroAndOthersInShortestForm() throws Exception {
        assertThat(jsonValue(Reading.of(30.0, T0))).isEqualTo("30");
        assertThat(jsonValue(Reading.of(-4, T0))).isEqualTo("-4");
        assertThat(jsonValue(Reading.of(0.1, T0))).isEqualTo("0.1");
        assertThat(jsonValue(Reading.of(1.0 / 3, T0))).isEqualTo("0.3333333333333333");
        assertThat(jsonValue(Reading.of(2.5e-9, T0))).isEqualTo("2.5E-9");
    }

    private static String jsonValue(Reading reading) throws Exception {
        String json = utf8(PayloadWriter.json("/p", "", reading));
        Map<?, ?> parsed = (Map<?, ?>) Json.parse(json);
        assertThat(((Number) parsed.get("value")).doubleValue()).isEqualTo(reading.number());
        return json.substring(json.indexOf("\"value\":") + 8, json.indexOf(",\"time\""));
    }

    @Test
    void jsonStringsAreEscapedIncludingControlCharacters() throws Exception {
        String nasty = "say \"hi\"\\\n\t\u0001\u001f \u00e9";
        byte[] json = PayloadWriter.json("/vendor/acme/note", "", Reading.of(nasty, T0));
        assertThat(utf8(json)).contains("\"value\":\"say \\\"hi\\\"\\\\\\n\\t\\u0001\\u001f \u00e9\"");
        assertThat(((Map<?, ?>) Json.parse(json)).get("value")).isEqualTo(nasty);
    }

    @Test
    void aJsonReadingKeepsSubSecondTime() throws Exception {
        byte[] json = PayloadWriter.json("/p", "", Reading.of(1, T0.plusMillis(250)));
        assertThat(((Map<?, ?>) Json.parse(json)).get("time")).isEqualTo("2026-11-22T10:00:00.250Z");
    }

    // ------------------------------------------------------------------------------------------------ SenML JSON

    @Test
    void aPackCarriesTheBaseNameOnlyOnItsFirstRecord() throws Exception {
        List<?> pack = (List<?>) Json.parse(PayloadWriter.senmlJson(BASE, lightPack()));
        assertThat(pack).hasSize(4);
        assertThat(((Map<?, ?>) pack.get(0)).get("bn")).isEqualTo(BASE);
        assertThat(((Map<?, ?>) pack.get(0)).get("bt")).isEqualTo(T0_SECONDS);
        for (Object record : pack.subList(1, 4)) {
            assertThat(asMap(record)).doesNotContainKeys("bn", "bt");
        }
    }

    @Test
    void aSenmlJsonPackParsesBackToTheRightFields() throws Exception {
        String json = utf8(PayloadWriter.senmlJson(BASE, lightPack()));
        assertThat(json).isEqualTo("[{\"bn\":\"urn:dev:lampyris:post-1:\",\"bt\":1795341600,\"n\":\"light/level\","
                + "\"u\":\"%\",\"v\":30},"
                + "{\"n\":\"light/power\",\"u\":\"W\",\"v\":12.5,\"t\":1.5},"
                + "{\"n\":\"light/lamp-failure\",\"vb\":false},"
                + "{\"n\":\"ev/state\",\"vs\":\"C\",\"t\":-60}]");
        List<?> pack = (List<?>) Json.parse(json);
        assertThat(pack.get(0)).isEqualTo(map("bn", BASE, "bt", T0_SECONDS, "n", "light/level", "u", "%", "v", 30L));
        assertThat(pack.get(1)).isEqualTo(map("n", "light/power", "u", "W", "v", 12.5, "t", 1.5));
        assertThat(pack.get(2)).isEqualTo(map("n", "light/lamp-failure", "vb", false));
        assertThat(pack.get(3)).isEqualTo(map("n", "ev/state", "vs", "C", "t", -60L));
    }

    @Test
    void theBaseTimeIsInSecondsToTheMillisecond() throws Exception {
        List<SenmlRecord> records = List.of(
                new SenmlRecord("a", "", Reading.of(1, T0.plusMillis(123).plusNanos(456_789))),
                new SenmlRecord("b", "", Reading.of(2, T0.plusMillis(124))));
        String json = utf8(PayloadWriter.senmlJson(BASE, records));
        assertThat(json).contains("\"bt\":1795341600.123,").contains("\"t\":0.001}");
        List<?> pack = (List<?>) Json.parse(json);
        assertThat(((Map<?, ?>) pack.get(0)).get("bt")).isEqualTo(1795341600.123);
    }

    @Test
    void aRecordAtTheBaseTimeHasNoRelativeTime() throws Exception {
        List<SenmlRecord> records = List.of(
                new SenmlRecord("a", "", Reading.of(1, T0)),
                new SenmlRecord("b", "", Reading.of(2, T0)));
        List<?> pack = (List<?>) Json.parse(PayloadWriter.senmlJson(BASE, records));
        assertThat(asMap(pack.get(0))).doesNotContainKey("t");
        assertThat(asMap(pack.get(1))).doesNotContainKey("t");
    }

    @Test
    void anEmptyBaseNameIsLeftOut() throws Exception {
        List<?> pack = (List<?>) Json.parse(
                PayloadWriter.senmlJson("", List.of(new SenmlRecord("x", "", Reading.of(1, T0)))));
        assertThat(asMap(pack.get(0))).doesNotContainKey("bn").containsKey("bt");
    }

    @Test
    void anEmptyPackIsAnEmptyArray() {
        assertThat(utf8(PayloadWriter.senmlJson(BASE, List.of()))).isEqualTo("[]");
        assertThat(PayloadWriter.senmlCbor(BASE, List.of())).containsExactly(0x80);
    }

    @Test
    void senmlJsonEscapesNamesAndStringValues() throws Exception {
        List<SenmlRecord> records = List.of(new SenmlRecord("vendor/acme/msg", "", Reading.of("a\"b\n", T0)));
        List<?> pack = (List<?>) Json.parse(PayloadWriter.senmlJson(BASE, records));
        assertThat(((Map<?, ?>) pack.get(0)).get("vs")).isEqualTo("a\"b\n");
    }

    // ------------------------------------------------------------------------------------------------ SenML CBOR

    @Test
    void aSenmlCborPackUsesTheIntegerLabelsOfRfc8428() throws Exception {
        List<?> pack = (List<?>) Cbor.decode(PayloadWriter.senmlCbor(BASE, lightPack()));
        assertThat(pack).hasSize(4);
        // bn = -2, bt = -3, n = 0, u = 1, v = 2, vs = 3, vb = 4, t = 6
        assertThat(pack.get(0)).isEqualTo(map(-2L, BASE, -3L, T0_SECONDS, 0L, "light/level", 1L, "%", 2L, 30L));
        assertThat(asMap(pack.get(0)).keySet()).containsExactly(-2L, -3L, 0L, 1L, 2L);
        assertThat(pack.get(1)).isEqualTo(map(0L, "light/power", 1L, "W", 2L, 12.5, 6L, 1.5));
        assertThat(pack.get(2)).isEqualTo(map(0L, "light/lamp-failure", 4L, false));
        assertThat(pack.get(3)).isEqualTo(map(0L, "ev/state", 3L, "C", 6L, -60L));
    }

    @Test
    void aSenmlCborPackHasTheExpectedBytes() {
        List<SenmlRecord> records = List.of(
                new SenmlRecord("light/level", "%", Reading.of(30, T0)),
                new SenmlRecord("light/power", "W", Reading.of(12.5, T0.plusMillis(250))));
        String expected = "82" // array(2)
                + "a5" // map(5)
                + "21" + "78" + "18" + HEX.formatHex(BASE.getBytes(StandardCharsets.US_ASCII)) // -2: bn
                + "22" + "1a" + "6b02bd20" // -3: bt = 1795341600
                + "00" + "6b" + HEX.formatHex("light/level".getBytes(StandardCharsets.US_ASCII)) // 0: n
                + "01" + "61" + "25" // 1: u = "%"
                + "02" + "181e" // 2: v = 30, an integer
                + "a4" // map(4)
                + "00" + "6b" + HEX.formatHex("light/power".getBytes(StandardCharsets.US_ASCII))
                + "01" + "61" + "57" // u = "W"
                + "02" + "f94a40" // v = 12.5 as a half
                + "06" + "f93400"; // t = 0.25 as a half
        assertThat(HEX.formatHex(PayloadWriter.senmlCbor(BASE, records))).isEqualTo(expected);
    }

    @Test
    void aSenmlCborBaseTimeWithMillisecondsIsADouble() throws Exception {
        List<SenmlRecord> records = List.of(new SenmlRecord("a", "", Reading.of(1, T0.plusMillis(250))));
        Map<?, ?> record = (Map<?, ?>) ((List<?>) Cbor.decode(PayloadWriter.senmlCbor(BASE, records))).get(0);
        assertThat(record.get(-3L)).isEqualTo(1795341600.25);
    }

    @Test
    void theSenmlCborEncoderReproducesTheExampleOfRfc8428Section6() throws Exception {
        // RFC 8428 section 6 encodes the pack of section 5.1.2:
        // [{"bn":"urn:dev:ow:10e2073a01080063:","n":"voltage","u":"V","v":120.1},
        // {"n":"current","u":"A","v":1.2}]
        String baseName = "urn:dev:ow:10e2073a01080063:";
        List<Object> pack = List.of(
                map(Senml.label("bn"), baseName, Senml.label("n"), "voltage", Senml.label("u"), "V",
                        Senml.label("v"), 120.1),
                map(Senml.label("n"), "current", Senml.label("u"), "A", Senml.label("v"), 1.2));
        String expected = "82"
                + "a4" + "21" + "781c" + "75726e3a6465763a6f773a" + "31306532303733613031303830303633" + "3a"
                + "00" + "67" + "766f6c74616765"
                + "01" + "61" + "56"
                + "02" + "fb" + "405e066666666666"
                + "a3" + "00" + "67" + "63757272656e74"
                + "01" + "61" + "41"
                + "02" + "fb" + "3ff3333333333333";
        byte[] encoded = Cbor.encode(pack);
        assertThat(HEX.formatHex(encoded)).isEqualTo(expected);
        assertThat(encoded).hasSize(0x4e);

        Object decoded = Cbor.decode(HEX.parseHex(expected));
        assertThat(decoded).isEqualTo(pack);
        Map<?, ?> first = (Map<?, ?>) ((List<?>) decoded).get(0);
        assertThat(asMap(first).keySet()).containsExactly(-2L, 0L, 1L, 2L);
        assertThat(first.get(-2L)).isEqualTo(baseName);
    }

    @Test
    void theSenmlLabelsAreThoseOfRfc8428Table6() {
        assertThat(Senml.LABELS).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("bver", -1), Map.entry("bn", -2), Map.entry("bt", -3), Map.entry("bu", -4),
                Map.entry("bv", -5), Map.entry("bs", -6), Map.entry("n", 0), Map.entry("u", 1), Map.entry("v", 2),
                Map.entry("vs", 3), Map.entry("vb", 4), Map.entry("s", 5), Map.entry("t", 6), Map.entry("ut", 7),
                Map.entry("vd", 8)));
        assertThat(Senml.field(-2)).isEqualTo("bn");
        assertThat(Senml.field(42)).isNull();
    }

    @Test
    void senmlCborAndSenmlJsonCarryTheSameData() throws Exception {
        List<?> fromJson = (List<?>) Json.parse(PayloadWriter.senmlJson(BASE, lightPack()));
        List<?> fromCbor = (List<?>) Cbor.decode(PayloadWriter.senmlCbor(BASE, lightPack()));
        assertThat(fromCbor).hasSameSizeAs(fromJson);
        for (int i = 0; i < fromJson.size(); i++) {
            Map<Object, Object> relabelled = new LinkedHashMap<>();
            ((Map<?, ?>) fromJson.get(i)).forEach((k, v) -> relabelled.put(Senml.label((String) k), v));
            assertThat(fromCbor.get(i)).isEqualTo(relabelled);
        }
    }

    @Test
    void largeIntegralNumbersBecomeCborIntegersAndFractionsFloats() throws Exception {
        List<SenmlRecord> records = List.of(
                new SenmlRecord("energy", "Wh", Reading.of(123_456_789_012.0, T0)),
                new SenmlRecord("temp", "Cel", Reading.of(-3.7, T0)),
                new SenmlRecord("huge", "", Reading.of(1e300, T0)));
        List<?> pack = (List<?>) Cbor.decode(PayloadWriter.senmlCbor(BASE, records));
        assertThat(((Map<?, ?>) pack.get(0)).get(2L)).isEqualTo(123_456_789_012L);
        assertThat(((Map<?, ?>) pack.get(1)).get(2L)).isEqualTo(-3.7);
        assertThat(((Map<?, ?>) pack.get(2)).get(2L)).isEqualTo(1e300);
    }

    private static Map<Object, Object> map(Object... keysAndValues) {
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> asMap(Object value) {
        return (Map<Object, Object>) value;
    }
}
