package org.lampyris.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapObserveRelation;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.junit.jupiter.api.AfterAll;

import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lampyris.testkit.Await;
import org.lampyris.testkit.CoapTestClient;

/** What an integrator sees with Californium's client against a lamp post started from the distribution. */
@ExtendWith(SharedPost.class)
class IntegratorContractTest {

    static LampPost post;
    static CoapTestClient coap;

    @BeforeAll
    static void start(LampPost shared) throws Exception {
        post = shared;
        coap = CoapTestClient.withPsk(LampPost.ENGINEER);
    }

    @AfterAll
    static void stop() throws Exception {
        if (coap != null) {
            coap.close();
        }
    }

    private CoapResponse get(String path, int accept) throws Exception {
        CoapClient c = coap.client(post.uri(path));
        try {
            return accept < 0 ? c.get() : c.get(accept);
        } finally {
            c.shutdown();
        }
    }

    private CoapResponse put(String path, String payload, int format) throws Exception {
        CoapClient c = coap.client(post.uri(path));
        try {
            return c.put(payload, format);
        } finally {
            c.shutdown();
        }
    }

    @Test
    void discoveryListsTheLightPointsWithTheirAttributes() throws Exception {
        CoapResponse r = get("/.well-known/core", -1);
        assertThat(r.getCode()).isEqualTo(ResponseCode.CONTENT);
        assertThat(r.getOptions().getContentFormat()).isEqualTo(MediaTypeRegistry.APPLICATION_LINK_FORMAT);
        String links = r.getResponseText();
        String level = link(links, "/light/level");
        assertThat(level).contains("rt=\"light.level ucifi:3416/3\"").contains("if=\"core.a\"").contains("obs")
                .contains("ct=\"0 50 60 110 112\"");
        assertThat(link(links, "/light/power")).contains("if=\"core.s\"").contains("ucifi:3416/46");
        assertThat(link(links, "/light/energy")).contains("light.energy");
        assertThat(link(links, "/light/lamp-failure")).contains("ucifi:3416/5");
        assertThat(link(links, "/light/gear-failure")).contains("ucifi:3416/7");
        assertThat(link(links, "/light/failsafe")).contains("if=\"core.p\"");
    }

    @Test
    void discoveryFiltersByResourceTypeInterfaceAndPrefix() throws Exception {
        assertThat(get("/.well-known/core?rt=ucifi:3416/3", -1).getResponseText())
                .isEqualTo(link(get("/.well-known/core", -1).getResponseText(), "/light/level"));
        assertThat(get("/.well-known/core?if=core.a", -1).getResponseText()).contains("</light/level>")
                .doesNotContain("</light/power>");
        String prefixed = get("/.well-known/core?rt=light.*", -1).getResponseText();
        assertThat(prefixed).contains("</light/level>", "</light/power>", "</light/energy>");
        assertThat(get("/.well-known/core?rt=no.such.type", -1).getResponseText()).isEmpty();
    }

    @Test
    void theLevelIsReadInEveryFormatChosenByAccept() throws Exception {
        assertThat(put("/light/level", "55", MediaTypeRegistry.TEXT_PLAIN).getCode()).isEqualTo(ResponseCode.CHANGED);
        assertThat(get("/light/level", -1).getResponseText()).isEqualTo("55");

        CoapResponse json = get("/light/level", MediaTypeRegistry.APPLICATION_JSON);
        assertThat(json.getOptions().getContentFormat()).isEqualTo(MediaTypeRegistry.APPLICATION_JSON);
        assertThat(json.getResponseText()).contains("\"value\":55").contains("\"unit\":\"%\"");

        CoapResponse senml = get("/light/level", MediaTypeRegistry.APPLICATION_SENML_JSON);
        assertThat(senml.getOptions().getContentFormat()).isEqualTo(MediaTypeRegistry.APPLICATION_SENML_JSON);
        assertThat(senml.getResponseText()).startsWith("[{").contains("\"bn\":\"urn:dev:lampyris:e2e-post:\"")
                .contains("\"n\":\"light/level\"").contains("\"u\":\"%\"").contains("\"v\":55");

        CoapResponse cbor = get("/light/level", MediaTypeRegistry.APPLICATION_SENML_CBOR);
        assertThat(cbor.getOptions().getContentFormat()).isEqualTo(MediaTypeRegistry.APPLICATION_SENML_CBOR);
        byte[] bytes = cbor.getPayload();
        assertThat(bytes[0] & 0xFF).as("a CBOR array of one record").isEqualTo(0x81);
        assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).contains("light/level")
                .contains("urn:dev:lampyris:e2e-post:");
    }

    @Test
    void anAcceptTheServerCannotServeGets406() throws Exception {
        CoapResponse r = get("/light/level", MediaTypeRegistry.APPLICATION_XML);
        assertThat(r.getCode()).isEqualTo(ResponseCode.NOT_ACCEPTABLE);
        assertThat(r.getResponseText()).contains("text/plain");
    }

    @Test
    void aWrittenLevelIsAnsweredChangedAndReadBack() throws Exception {
        assertThat(put("/light/level", "30", MediaTypeRegistry.TEXT_PLAIN).getCode()).isEqualTo(ResponseCode.CHANGED);
        assertThat(get("/light/level", -1).getResponseText()).isEqualTo("30");
        assertThat(put("/light/level", "{\"value\": 45}", MediaTypeRegistry.APPLICATION_JSON).getCode())
                .isEqualTo(ResponseCode.CHANGED);
        assertThat(get("/light/level", -1).getResponseText()).isEqualTo("45");
    }

    @Test
    void aBadValueGets400WithAReasonAndChangesNothing() throws Exception {
        put("/light/level", "20", MediaTypeRegistry.TEXT_PLAIN);
        CoapResponse text = put("/light/level", "abc", MediaTypeRegistry.TEXT_PLAIN);
        assertThat(text.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
        assertThat(text.getResponseText()).contains("number").contains("abc");
        CoapResponse range = put("/light/level", "150", MediaTypeRegistry.TEXT_PLAIN);
        assertThat(range.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
        assertThat(range.getResponseText()).contains("between 0 and 100").contains("150");
        assertThat(get("/light/level", -1).getResponseText()).isEqualTo("20");
    }

    @Test
    void aSenmlWriteInAnotherUnitThanThePointsGets400NamingTheUnitAndChangesNothing() throws Exception {
        put("/light/level", "25", MediaTypeRegistry.TEXT_PLAIN);
        CoapResponse watts = put("/light/level", "[{\"n\":\"level\",\"u\":\"W\",\"v\":30}]", 110);
        assertThat(watts.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
        assertThat(watts.getResponseText()).contains("\"W\"").contains("\"%\"");
        assertThat(get("/light/level", -1).getResponseText()).isEqualTo("25");
        CoapResponse percent = put("/light/level", "[{\"n\":\"level\",\"u\":\"%\",\"v\":30}]", 110);
        assertThat(percent.getCode()).isEqualTo(ResponseCode.CHANGED);
        assertThat(get("/light/level", -1).getResponseText()).isEqualTo("30");
    }

    @Test
    void theRootNamesThePostAndPointsToDiscovery() throws Exception {
        CoapResponse root = get("/", -1);
        assertThat(root.getCode()).isEqualTo(ResponseCode.CONTENT);
        assertThat(root.getResponseText()).contains("e2e-post").contains("/.well-known/core")
                .doesNotContain("Californium");
    }

    @Test
    void aWriteInAnUnsupportedContentFormatGets415() throws Exception {
        CoapResponse r = put("/light/level", "<level>30</level>", MediaTypeRegistry.APPLICATION_XML);
        assertThat(r.getCode()).isEqualTo(ResponseCode.UNSUPPORTED_CONTENT_FORMAT);
        assertThat(r.getResponseText()).isNotEmpty();
    }

    @Test
    void anOversizedValueGets413AndChangesNothing() throws Exception {
        put("/light/level", "20", MediaTypeRegistry.TEXT_PLAIN);
        CoapResponse r = put("/light/level", "1".repeat(2000), MediaTypeRegistry.TEXT_PLAIN);
        assertThat(r.getCode()).isEqualTo(ResponseCode.REQUEST_ENTITY_TOO_LARGE);
        assertThat(r.getResponseText()).contains("at most 1024 bytes");
        assertThat(get("/light/level", -1).getResponseText()).isEqualTo("20");
    }

    @Test
    void aSensorCannotBeWrittenAndAnUnknownPathIsNotFound() throws Exception {
        CoapResponse power = put("/light/power", "10", MediaTypeRegistry.TEXT_PLAIN);
        assertThat(power.getCode()).isEqualTo(ResponseCode.METHOD_NOT_ALLOWED);
        assertThat(get("/light/nothing", -1).getCode()).isEqualTo(ResponseCode.NOT_FOUND);
        assertThat(get("/no/such/path", -1).getCode()).isEqualTo(ResponseCode.NOT_FOUND);
        CoapClient c = coap.client(post.uri("/light/level"));
        try {
            assertThat(c.delete().getCode()).isEqualTo(ResponseCode.METHOD_NOT_ALLOWED);
        } finally {
            c.shutdown();
        }
    }

    @Test
    void theLightCollectionIsOneSenmlPack() throws Exception {
        CoapResponse r = get("/light", MediaTypeRegistry.APPLICATION_SENML_JSON);
        assertThat(r.getCode()).isEqualTo(ResponseCode.CONTENT);
        String pack = r.getResponseText();
        assertThat(pack).startsWith("[{\"bn\":\"urn:dev:lampyris:e2e-post:\"");
        assertThat(pack).contains("\"n\":\"light/level\"", "\"n\":\"light/power\"", "\"n\":\"light/energy\"",
                "\"n\":\"light/lamp-failure\"", "\"n\":\"light/gear-failure\"", "\"n\":\"light/failsafe\"");
        assertThat(pack.split("\"bn\"")).as("one base name for the whole pack").hasSize(2);
        assertThat(get("/light", MediaTypeRegistry.APPLICATION_SENML_CBOR).getPayload()[0] & 0xE0)
                .as("a CBOR array").isEqualTo(0x80);
    }

    @Test
    void anObserverOfTheLevelIsNotifiedWhenItChanges() throws Exception {
        put("/light/level", "10", MediaTypeRegistry.TEXT_PLAIN);
        List<String> seen = new CopyOnWriteArrayList<>();
        CoapClient observer = coap.client(post.uri("/light/level"));
        CoapObserveRelation relation = observer.observeAndWait(CoapTestClient.collecting(r -> seen.add(r
                .getResponseText())));
        try {
            assertThat(relation.isCanceled()).isFalse();
            put("/light/level", "65", MediaTypeRegistry.TEXT_PLAIN);
            Await.until("the observer hears 65", () -> seen.contains("65"));
            assertThat(seen).startsWith("10");
        } finally {
            relation.proactiveCancel();
            observer.shutdown();
        }
    }

    @Test
    void structuredPointsAreServedAsCborThatAStockDecoderReadsAndAsTheSameJson() throws Exception {
        for (String path : List.of("/ev/sessions", "/air/status", "/count/intervals")) {
            CoapResponse cbor = get(path, MediaTypeRegistry.APPLICATION_CBOR);
            assertThat(cbor.getCode()).as(path).isEqualTo(ResponseCode.CONTENT);
            assertThat(cbor.getOptions().getContentFormat()).as(path).isEqualTo(MediaTypeRegistry.APPLICATION_CBOR);
            // PeterO's CBOR library (the one Leshan uses), not the platform's codec, reads what the post wrote
            CBORObject decoded = CBORObject.DecodeFromBytes(cbor.getPayload());
            CBORObject json = CBORObject.FromJSONString(get(path, MediaTypeRegistry.APPLICATION_JSON)
                    .getResponseText());
            if (path.equals("/ev/sessions")) {
                assertThat(decoded.getType()).isEqualTo(CBORType.Map);
                assertThat(decoded.ContainsKey("running")).isTrue();
                assertThat(decoded.get("recent").getType()).isEqualTo(CBORType.Array);
            } else if (path.equals("/air/status")) {
                assertThat(decoded.get("pm25").get("state").AsString()).isEqualTo("ok");
            }
            // the same structure in both formats (the air status may change between the two reads: not its keys)
            assertThat(decoded.getType()).as(path).isEqualTo(json.getType());
            if (decoded.getType() == CBORType.Map) {
                assertThat(decoded.getKeys().toString()).as(path).isEqualTo(json.getKeys().toString());
            }
        }
    }

    @Test
    void theBundlesLogThroughARealBackend() throws Exception {
        String log = post.log();
        assertThat(log).contains("serves [coap://127.0.0.1:").contains("coaps://127.0.0.1:")
                .contains("Dimming holds the luminaire");
        assertThat(log).doesNotContain("NOP").doesNotContain("Failed to load class \"org.slf4j");
    }

    /** @return the link for a path in a link-format document */
    static String link(String links, String path) {
        for (String l : links.split(",(?=<)")) {
            if (l.startsWith("<" + path + ">")) {
                return l;
            }
        }
        throw new AssertionError(path + " is not in " + links);
    }
}
