package org.lampyris.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lampyris.testkit.CoapTestClient;

/**
 * Bad payloads at the application level, written by an authorised operator: each gets a 4.xx with a reason, and
 * none changes the level.
 */
@ExtendWith(SharedPost.class)
class BadPayloadTest {
    static LampPost post;
    static CoapTestClient coap;

    @BeforeAll
    static void start(LampPost shared) throws Exception {
        post = shared;
        coap = CoapTestClient.withPsk(LampPost.OPERATOR);
    }

    @AfterAll
    static void stop() throws Exception {
        if (coap != null) {
            coap.close();
        }
    }

    static Stream<Arguments> payloads() {
        return Stream.of(
                Arguments.of("text that is not a number", 0, bytes("high"), ResponseCode.BAD_REQUEST),
                Arguments.of("text below the range", 0, bytes("-1"), ResponseCode.BAD_REQUEST),
                Arguments.of("text above the range", 0, bytes("100.5"), ResponseCode.BAD_REQUEST),
                Arguments.of("not a finite number", 0, bytes("1e999"), ResponseCode.BAD_REQUEST),
                Arguments.of("NaN", 0, bytes("NaN"), ResponseCode.BAD_REQUEST),
                Arguments.of("an empty payload", 0, new byte[0], ResponseCode.BAD_REQUEST),
                Arguments.of("malformed JSON", 50, bytes("{\"value\":"), ResponseCode.BAD_REQUEST),
                Arguments.of("JSON of the wrong type", 50, bytes("{\"value\":\"high\"}"), ResponseCode.BAD_REQUEST),
                Arguments.of("JSON with trailing garbage", 50, bytes("{\"value\":30}x"), ResponseCode.BAD_REQUEST),
                Arguments.of("malformed SenML JSON", 110, bytes("[{\"v\":}]"), ResponseCode.BAD_REQUEST),
                Arguments.of("SenML JSON with a string value", 110, bytes("[{\"vs\":\"30\"}]"),
                        ResponseCode.BAD_REQUEST),
                Arguments.of("SenML JSON in watts", 110, bytes("[{\"u\":\"W\",\"v\":30}]"), ResponseCode.BAD_REQUEST),
                Arguments.of("malformed SenML CBOR", 112, new byte[] { (byte) 0x81, (byte) 0xA1, 0x02 },
                        ResponseCode.BAD_REQUEST),
                Arguments.of("SenML CBOR that is not an array", 112, new byte[] { 0x18, 0x1E },
                        ResponseCode.BAD_REQUEST),
                Arguments.of("a body over the size a value may have", 0, bytes("3".repeat(2000)),
                        ResponseCode.REQUEST_ENTITY_TOO_LARGE),
                Arguments.of("an unsupported content format (XML)", 41, bytes("<level>30</level>"),
                        ResponseCode.UNSUPPORTED_CONTENT_FORMAT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("payloads")
    void aBadPayloadIsRefusedWithAReasonAndChangesNothing(String what, int format, byte[] payload,
            ResponseCode expected) throws Exception {
        CoapClient client = coap.client(post.uri("/light/level"));
        try {
            assertThat(client.put("25", MediaTypeRegistry.TEXT_PLAIN).getCode()).isEqualTo(ResponseCode.CHANGED);
            Request put = Request.newPut();
            put.setPayload(payload);
            put.getOptions().setContentFormat(format);
            CoapResponse r = client.advanced(put);
            assertThat(r).as("an answer to %s", what).isNotNull();
            assertThat(r.getCode()).as("%s: %s", what, r.getResponseText()).isEqualTo(expected);
            assertThat(r.getResponseText()).as("the reason").isNotBlank();
            assertThat(client.get().getResponseText()).as("the level after %s", what).isEqualTo("25");
        } finally {
            client.shutdown();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
