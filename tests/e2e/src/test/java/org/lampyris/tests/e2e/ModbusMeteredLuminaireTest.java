package org.lampyris.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.eclipse.californium.core.CoapResponse;
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
 * A post whose luminaire is a DALI-2 driver without D4i metering behind a DALI-to-Modbus gateway (the shipped
 * {@code dali2-gateway} profile) and whose power and energy come from an Eastron SDM630 on its feed
 * ({@code eastron-sdm630}, configured with {@code meters = street-1}), each a pymodbus server: two factory
 * configurations in conf/, and the dimming plugin publishes the meter's readings on /light/power and /light/energy
 * without knowing where they come from.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ModbusMeteredLuminaireTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    static Path work;
    static ModbusDevice gateway;
    static ModbusDevice meter;
    static LampPost post;
    static CoapTestClient operator;
    static CoapTestClient engineer;

    @BeforeAll
    static void startGatewayMeterAndPost() throws Exception {
        assumeTrue(ModbusDevice.available(), "Debian's python3-pymodbus is not installed (.ci/run installs it)");
        gateway = new ModbusDevice("dali2-gateway", "level=0", "level.actual=0", "system-failure-level=100",
                "power-on-level=100");
        meter = new ModbusDevice("eastron-sdm630", "voltage=230", "current=0.01", "power=0.3", "power-factor=0.9",
                "frequency=50", "energy=12000");
        Path home = ModbusLuminaireTest.distributionWithConf(work.resolve("dist"),
                "org.lampyris.hal.modbus.device~street-1.cfg", """
                # The luminaire of this post: a DALI-2 driver (no D4i metering) behind a Modbus TCP gateway
                host = 127.0.0.1
                port = %d
                profile = dali2-gateway
                poll.ms = 200
                timeout.ms = 500
                backoff.max.ms = 1000
                """.formatted(gateway.port));
        Files.writeString(home.resolve("conf/org.lampyris.hal.modbus.device~street-1-meter.cfg"), """
                # The energy meter on the luminaire's feed: it supplies street-1's power and energy
                host = 127.0.0.1
                port = %d
                profile = eastron-sdm630
                meters = street-1
                poll.ms = 200
                timeout.ms = 500
                backoff.max.ms = 1000
                """.formatted(meter.port));
        post = LampPost.startFrom(home, "metered-post", work.resolve("data"));
        operator = CoapTestClient.withPsk(LampPost.OPERATOR);
        engineer = CoapTestClient.withPsk(LampPost.ENGINEER);
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] { operator, engineer, post, meter, gateway }) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    @Order(1)
    void aMeterRegisterChangeShowsOnLightPowerAndEnergy() throws Exception {
        Await.until("/light/power reads the meter's 0.3 W", PATIENCE,
                () -> "0.3".equals(text(operator.get(post.uri("/light/power")))));
        meter.set("power", 41.7);
        meter.set("energy", 12345);
        Await.until("/light/power reads 41.7 W", PATIENCE,
                () -> "41.7".equals(text(operator.get(post.uri("/light/power")))));
        Await.until("/light/energy reads 12345 Wh", PATIENCE,
                () -> "12345".equals(text(operator.get(post.uri("/light/energy")))));
        // The luminaire is still the gateway's: a level lands in its register.
        assertThat(operator.put(post.uri("/light/level"), "30").getCode()).isEqualTo(ResponseCode.CHANGED);
        Await.until("the gateway's level register holds 30", PATIENCE, () -> gateway.get("level") == 30);
        String health = engineer.get(post.uri("/mgmt/health")).getResponseText();
        assertThat(health).contains("\"name\":\"street-1-meter\"").contains("eastron-sdm630");
    }

    @Test
    @Order(2)
    void aMeterAnsweringWithAModbusExceptionIsShownWithTheReason() throws Exception {
        meter.answerWithException(4);
        CoapResponse refused = Await.until("/light/power answers 5.03", PATIENCE,
                () -> operator.get(post.uri("/light/power")), r -> r.getCode() == ResponseCode.SERVICE_UNAVAILABLE);
        assertThat(refused.getResponseText()).contains("energy meter").contains("street-1-meter")
                .contains("Modbus exception 4");
        CoapResponse energy = operator.get(post.uri("/light/energy"));
        assertThat(energy.getCode()).isEqualTo(ResponseCode.SERVICE_UNAVAILABLE);
        assertThat(energy.getResponseText()).contains("Modbus exception 4");
        String health = Await.until("health shows the meter unavailable with the reason", PATIENCE,
                () -> engineer.get(post.uri("/mgmt/health")).getResponseText(),
                h -> h.contains("Modbus exception 4"));
        assertThat(health).contains("\"name\":\"street-1-meter\"").contains("\"available\":false")
                .contains("\"status\":\"degraded\"");
        // The light is still driven while its meter is down.
        assertThat(operator.put(post.uri("/light/level"), "55").getCode()).isEqualTo(ResponseCode.CHANGED);
        Await.until("the gateway's level register holds 55", PATIENCE, () -> gateway.get("level") == 55);

        meter.normal();
        Await.until("/light/power answers again", PATIENCE,
                () -> "41.7".equals(text(operator.get(post.uri("/light/power")))));
        health = Await.until("health shows the meter available", PATIENCE,
                () -> engineer.get(post.uri("/mgmt/health")).getResponseText(),
                h -> !h.contains("\"available\":false"));
        assertThat(health).contains("\"quarantined\":[]").contains("\"status\":\"ok\"");
    }

    private static String text(CoapResponse r) {
        return r == null || r.getCode() != ResponseCode.CONTENT ? null : r.getResponseText();
    }
}
