package org.lampyris.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

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
 * A post whose luminaire is a real DALI-2/D4i luminaire behind a DALI-to-Modbus gateway, played by a pymodbus server
 * loaded with the shipped {@code dali2-d4i-gateway} profile: the post is configured with one factory configuration
 * file in conf/, and nothing else changes; the simulated luminaire steps back for the real one.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ModbusLuminaireTest {
    /** The profile's registers (holding, zero-based): fade time code and arc power level. */
    private static final int FADE_REGISTER = 13;
    private static final int LEVEL_REGISTER = 15;
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    static Path work;
    static ModbusDevice gateway;
    static LampPost post;
    static CoapTestClient operator;
    static CoapTestClient engineer;

    @BeforeAll
    static void startGatewayAndPost() throws Exception {
        assumeTrue(ModbusDevice.available(), "Debian's python3-pymodbus is not installed (.ci/run installs it)");
        gateway = new ModbusDevice("dali2-d4i-gateway", "level=0", "level.actual=0", "power=0.3", "energy=1000",
                "system-failure-level=100", "power-on-level=100");
        Path home = distributionWithConf(work.resolve("dist"), "org.lampyris.hal.modbus.device~street-1.cfg", """
                # The luminaire of this post: a DALI-2/D4i driver behind a Modbus TCP gateway
                host = 127.0.0.1
                port = %d
                unit.id = 1
                profile = dali2-d4i-gateway
                poll.ms = 200
                timeout.ms = 500
                backoff.max.ms = 1000
                """.formatted(gateway.port));
        post = LampPost.startFrom(home, "modbus-post", work.resolve("data"));
        operator = CoapTestClient.withPsk(LampPost.OPERATOR);
        engineer = CoapTestClient.withPsk(LampPost.ENGINEER);
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] { operator, engineer, post, gateway }) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    @Order(1)
    void aLevelPutOverDtlsLandsInTheGatewaysLevelRegisterWithItsFadeTime() throws Exception {
        CoapResponse put = operator.put(post.uri("/light/level"), "40");
        assertThat(put.getCode()).isEqualTo(ResponseCode.CHANGED);
        Await.until("the gateway's level register holds 40", PATIENCE, () -> gateway.get("level") == 40);
        // The dimming plugin fades over fade.ms = 2000: DALI fade time code 4 (0.5 * sqrt(2^4) = 2.0 s), written
        // before the level it applies to.
        List<String> writes = gateway.writes();
        int fade = writes.lastIndexOf("holding " + FADE_REGISTER + " 4");
        int level = writes.lastIndexOf("holding " + LEVEL_REGISTER + " 40");
        assertThat(fade).as("the fade time was written: %s", writes).isGreaterThanOrEqualTo(0);
        assertThat(level).as("the level was written after its fade time: %s", writes).isGreaterThan(fade);
        assertThat(text(operator.get(post.uri("/light/level")))).isEqualTo("40");
    }

    @Test
    @Order(2)
    void aD4iPowerRegisterChangeShowsOnLightPower() throws Exception {
        gateway.set("power", 42.5);
        Await.until("/light/power reads 42.5 W", PATIENCE, () -> "42.5".equals(text(operator.get(
                post.uri("/light/power")))));
        gateway.set("energy", 1234);
        Await.until("/light/energy reads 1234 Wh", PATIENCE, () -> "1234".equals(text(operator.get(
                post.uri("/light/energy")))));
    }

    @Test
    @Order(3)
    void anOutOfRangeLevelIsRefusedAndNeverReachesTheBus() throws Exception {
        int before = gateway.writes().size();
        CoapResponse put = operator.put(post.uri("/light/level"), "150");
        assertThat(put.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
        assertThat(put.getResponseText()).contains("between 0 and 100");
        // A good level goes out at once; the refused one went nowhere, neither before it nor clamped.
        assertThat(operator.put(post.uri("/light/level"), "35").getCode()).isEqualTo(ResponseCode.CHANGED);
        Await.until("the gateway's level register holds 35", PATIENCE, () -> gateway.get("level") == 35);
        assertThat(gateway.writes().subList(before, gateway.writes().size()))
                .noneMatch(w -> w.startsWith("holding " + LEVEL_REGISTER + " ") && !w.endsWith(" 35"));
        assertThat(gateway.writes()).noneMatch(w -> w.matches("holding \\d+ 150"));
    }

    @Test
    @Order(4)
    void theGatewayGoingAwayPutsTheLightPointsInErrorAndItsReturnBringsTheLampBack() throws Exception {
        gateway.stop();
        CoapResponse unavailable = Await.until("/light/power answers 5.03", PATIENCE,
                () -> operator.get(post.uri("/light/power")), r -> r.getCode() == ResponseCode.SERVICE_UNAVAILABLE);
        assertThat(unavailable.getResponseText()).contains("Modbus device street-1 unavailable: ");
        String health = Await.until("health shows the gateway unavailable", PATIENCE,
                () -> engineer.get(post.uri("/mgmt/health")).getResponseText(),
                h -> h.contains("\"available\":false"));
        assertThat(health).contains("\"status\":\"degraded\"").contains("\"name\":\"street-1\"")
                .contains("\"reason\":\"");
        // Reads while it is away are the device's fault, not the dimming plugin's: it is never quarantined.
        for (int i = 0; i < 8; i++) {
            assertThat(operator.get(post.uri("/light/power")).getCode()).isEqualTo(ResponseCode.SERVICE_UNAVAILABLE);
        }
        // The gateway comes back having lost its level (a power cycle): the driver gives it the post's level again.
        gateway.set("level", 0);
        gateway.start();
        Await.until("the gateway's level register holds the post's 35 again", PATIENCE,
                () -> gateway.get("level") == 35);
        Await.until("/light/power answers again", PATIENCE,
                () -> "42.5".equals(text(operator.get(post.uri("/light/power")))));
        health = Await.until("health shows the gateway available", PATIENCE,
                () -> engineer.get(post.uri("/mgmt/health")).getResponseText(),
                h -> h.contains("\"available\":true"));
        assertThat(health).contains("\"quarantined\":[]").contains("\"status\":\"ok\"");
    }

    @Test
    @Order(5)
    void aGatewayAnsweringWithAModbusExceptionIsShownWithTheReason() throws Exception {
        gateway.answerWithException(4);
        CoapResponse refused = Await.until("/light/power answers 5.03", PATIENCE,
                () -> operator.get(post.uri("/light/power")), r -> r.getCode() == ResponseCode.SERVICE_UNAVAILABLE);
        assertThat(refused.getResponseText()).contains("Modbus exception 4");
        assertThat(engineer.get(post.uri("/mgmt/health")).getResponseText()).contains("Modbus exception 4");
        gateway.normal();
        Await.until("/light/power answers again", PATIENCE,
                () -> operator.get(post.uri("/light/power")).getCode() == ResponseCode.CONTENT);
    }

    private static String text(CoapResponse r) {
        return r == null || r.getCode() != ResponseCode.CONTENT ? null : r.getResponseText();
    }

    /** @return a distribution that shares the built one's programs and bundles, with a conf/ of its own */
    static Path distributionWithConf(Path home, String file, String content) throws Exception {
        Files.createDirectories(home);
        for (String shared : List.of("bin", "lib", "bundles")) {
            Files.createSymbolicLink(home.resolve(shared), LampPost.DIST.resolve(shared));
        }
        Path conf = LampPost.DIST.resolve("conf");
        try (Stream<Path> files = Files.walk(conf)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = home.resolve("conf").resolve(conf.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        Files.writeString(home.resolve("conf").resolve(file), content);
        return home;
    }
}
