package org.lampyris.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Every role against every kind of request, with the distribution's development identities and policy: plain CoAP
 * reads and nothing else (4.01), a reader reads, an operator also writes actuators and acts, an engineer also sets the
 * fail-safe level and reaches /mgmt. A refusal says which role the request needs.
 */
@ExtendWith(SharedPost.class)
class RolesTest {
    private static final String PLAIN = "plain";

    static LampPost post;
    static CoapTestClient engineer;
    static CoapTestClient operator;
    static CoapTestClient reader;

    @BeforeAll
    static void start(LampPost shared) throws Exception {
        post = shared;
        engineer = CoapTestClient.withPsk(LampPost.ENGINEER);
        operator = CoapTestClient.withPsk(LampPost.OPERATOR);
        reader = CoapTestClient.withPsk(LampPost.READER);
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] { engineer, operator, reader }) {
            if (c != null) {
                c.close();
            }
        }
    }

    static Stream<Arguments> matrix() {
        return Stream.of(
                // who, method, path, payload, expected (null: allowed, whatever the point answers)
                Arguments.of(PLAIN, "GET", "/light/level", null, ResponseCode.CONTENT),
                Arguments.of(PLAIN, "GET", "/.well-known/core", null, ResponseCode.CONTENT),
                Arguments.of(PLAIN, "PUT", "/light/level", "50", ResponseCode.UNAUTHORIZED),
                Arguments.of(PLAIN, "POST", "/ev/sessions", "card-1", ResponseCode.UNAUTHORIZED),
                Arguments.of(PLAIN, "PUT", "/light/failsafe", "100", ResponseCode.UNAUTHORIZED),
                Arguments.of(PLAIN, "GET", "/mgmt/health", null, ResponseCode.UNAUTHORIZED),
                Arguments.of("reader", "GET", "/light/level", null, ResponseCode.CONTENT),
                Arguments.of("reader", "PUT", "/light/level", "50", ResponseCode.FORBIDDEN),
                Arguments.of("reader", "POST", "/ev/sessions", "card-1", ResponseCode.FORBIDDEN),
                Arguments.of("reader", "PUT", "/light/failsafe", "100", ResponseCode.FORBIDDEN),
                Arguments.of("reader", "GET", "/mgmt/health", null, ResponseCode.FORBIDDEN),
                Arguments.of("operator", "GET", "/light/level", null, ResponseCode.CONTENT),
                Arguments.of("operator", "PUT", "/light/level", "50", ResponseCode.CHANGED),
                Arguments.of("operator", "POST", "/ev/sessions", "card-1", null),
                Arguments.of("operator", "PUT", "/light/failsafe", "100", ResponseCode.FORBIDDEN),
                Arguments.of("operator", "GET", "/mgmt/health", null, ResponseCode.FORBIDDEN),
                Arguments.of("engineer", "GET", "/light/level", null, ResponseCode.CONTENT),
                Arguments.of("engineer", "PUT", "/light/level", "50", ResponseCode.CHANGED),
                Arguments.of("engineer", "PUT", "/light/failsafe", "100", ResponseCode.CHANGED),
                Arguments.of("engineer", "GET", "/mgmt/health", null, ResponseCode.CONTENT),
                Arguments.of("operator", "PUT", "/mgmt/config/org.lampyris.failsafe", "{}", ResponseCode.FORBIDDEN),
                Arguments.of("reader", "GET", "/mgmt/log", null, ResponseCode.FORBIDDEN));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("matrix")
    void eachRoleGetsWhatThePolicyGivesIt(String who, String method, String path, String payload,
            ResponseCode expected) throws Exception {
        CoapTestClient coap = switch (who) {
            case "reader" -> reader;
            case "operator" -> operator;
            default -> engineer;
        };
        CoapClient client = coap.client(who.equals(PLAIN) ? post.plainUri(path) : post.uri(path));
        try {
            Request request = switch (method) {
                case "PUT" -> Request.newPut();
                case "POST" -> Request.newPost();
                default -> Request.newGet();
            };
            if (payload != null) {
                request.setPayload(payload);
                request.getOptions().setContentFormat(MediaTypeRegistry.TEXT_PLAIN);
            }
            CoapResponse response = client.advanced(request);
            assertThat(response).as("an answer").isNotNull();
            if (expected == null) {
                assertThat(response.getCode()).as(response.getResponseText())
                        .isNotIn(ResponseCode.UNAUTHORIZED, ResponseCode.FORBIDDEN);
            } else {
                assertThat(response.getCode()).as(response.getResponseText()).isEqualTo(expected);
            }
            if (expected == ResponseCode.UNAUTHORIZED) {
                assertThat(response.getResponseText()).contains("coaps://");
            } else if (expected == ResponseCode.FORBIDDEN) {
                assertThat(response.getResponseText()).contains(" role").contains("this identity has the " + who);
            }
        } finally {
            client.shutdown();
        }
    }
}
