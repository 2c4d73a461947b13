package org.lampyris.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;

import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import org.lampyris.testkit.Await;
import org.lampyris.testkit.CoapTestClient;

/**
 * A post whose charge point is a real Modbus TCP charge controller, played by a pymodbus server loaded with the
 * shipped {@code phoenix-ev-charge-control} profile: the EV plugin supervises it through the HAL exactly as it does
 * the simulated one, which steps back for it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ModbusChargerTest {
    /** The profile's set-point register (holding, zero-based). */
    private static final int SET_POINT = 528;
    private static final int STATE_B = 2;
    private static final int STATE_C = 3;
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    static Path work;
    static ModbusDevice controller;
    static LampPost post;
    static CoapTestClient operator;
    static CoapTestClient engineer;

    @BeforeAll
    static void startControllerAndPost() throws Exception {
        assumeTrue(ModbusDevice.available(), "Debian's python3-pymodbus is not installed (.ci/run installs it)");
        // A vehicle is plugged in and waits (state B); the controller's meter reads 10 kWh.
        controller = new ModbusDevice("phoenix-ev-charge-control", "ev-state=" + STATE_B, "energy=10000",
                "voltage=230", "max-current=6");
        Path home = ModbusLuminaireTest.distributionWithConf(work.resolve("dist"),
                "org.lampyris.hal.modbus.device~socket-1.cfg", """
                # The charge point of this post: a Phoenix Contact EV Charge Control on Modbus TCP
                host = 127.0.0.1
                port = %d
                unit.id = 1
                profile = phoenix-ev-charge-control
                poll.ms = 200
                timeout.ms = 500
                backoff.max.ms = 1000
                """.formatted(controller.port));
        post = LampPost.startFrom(home, "modbus-ev-post", work.resolve("data"));
        operator = CoapTestClient.withPsk(LampPost.OPERATOR);
        engineer = CoapTestClient.withPsk(LampPost.ENGINEER);
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] { operator, engineer, post, controller }) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    @Order(1)
    void theStateRegisterMovingFromBToCStartsASessionAndThePluginsLimitLandsInTheSetPoint() throws Exception {
        Await.until("/ev/state reads the controller's B", PATIENCE,
                () -> "B".equals(text(operator.get(post.uri("/ev/state")))));
        assertThat(operator.put(post.uri("/ev/limit"), "16").getCode()).isEqualTo(ResponseCode.CHANGED);
        CoapResponse authorised = post(operator, "/ev/sessions", "card-1");
        assertThat(authorised.getCode().isSuccess()).as("POST /ev/sessions: %s", authorised.getResponseText())
                .isTrue();
        // The plugin offers its limit: the set point, charging enabled and the connector locked reach the bus.
        Await.until("the set-point register holds 16 A", PATIENCE, () -> controller.get("max-current") == 16);
        Await.until("charging is enabled", PATIENCE, () -> controller.get("charge-enable") == 1);
        Await.until("the connector is locked", PATIENCE, () -> controller.get("connector-lock") == 1);
        // The vehicle starts drawing: the controller moves to C and its meter runs.
        controller.set("current", 16);
        controller.set("power", 3680);
        controller.set("energy", 10_500);
        controller.set("ev-state", STATE_C);
        Await.until("/ev/state reads C", PATIENCE, () -> "C".equals(text(operator.get(post.uri("/ev/state")))));
        String sessions = Await.until("the running session counts the controller's meter", PATIENCE,
                () -> text(operator.get(post.uri("/ev/sessions"))), s -> s != null && s.contains("\"energyWh\":500"));
        assertThat(sessions).contains("\"identifier\":\"card-1\"");
        Await.until("/ev/power reads the controller's 3680 W", PATIENCE,
                () -> "3680".equals(text(operator.get(post.uri("/ev/power")))));
    }

    @Test
    @Order(2)
    void anOutOfRangeLimitNeverReachesTheBus() throws Exception {
        CoapResponse refused = operator.put(post.uri("/ev/limit"), "40");
        assertThat(refused.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
        assertThat(operator.put(post.uri("/ev/limit"), "10").getCode()).isEqualTo(ResponseCode.CHANGED);
        Await.until("the set-point register holds 10 A", PATIENCE, () -> controller.get("max-current") == 10);
        assertThat(controller.writes()).filteredOn(w -> w.startsWith("holding " + SET_POINT + " "))
                .isNotEmpty()
                .allSatisfy(w -> assertThat(Integer.parseInt(w.split(" ")[2])).isBetween(6, 32));
    }

    @Test
    @Order(3)
    void aControllerAnsweringWithAModbusExceptionIsStateFWithTheReasonInHealth() throws Exception {
        controller.answerWithException(4);
        Await.until("/ev/state reads F", PATIENCE, () -> "F".equals(text(operator.get(post.uri("/ev/state")))));
        String health = Await.until("health shows the controller unavailable", PATIENCE,
                () -> engineer.get(post.uri("/mgmt/health")).getResponseText(), h -> h.contains("Modbus exception 4"));
        assertThat(health).contains("\"name\":\"socket-1\"");
        controller.normal();
        Await.until("/ev/state reads C again", PATIENCE,
                () -> "C".equals(text(operator.get(post.uri("/ev/state")))));
    }

    private static CoapResponse post(CoapTestClient coap, String path, String payload) throws Exception {
        CoapClient client = coap.client(post.uri(path));
        try {
            Request request = Request.newPost();
            request.setPayload(payload);
            request.getOptions().setContentFormat(MediaTypeRegistry.TEXT_PLAIN);
            return client.advanced(request);
        } finally {
            client.shutdown();
        }
    }

    private static String text(CoapResponse r) {
        return r == null || r.getCode() != ResponseCode.CONTENT ? null : r.getResponseText();
    }
}
