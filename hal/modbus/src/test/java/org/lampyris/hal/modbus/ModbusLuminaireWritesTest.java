package org.lampyris.hal.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lampyris.hal.contract.modbus.PymodbusDevice;
import org.lampyris.testkit.Await;

/**
 * What the contract cannot see from the HAL side: what reaches the gateway's registers. Against the shipped DALI
 * gateway profile (and a copy of it with narrower limits) on a pymodbus server.
 */
class ModbusLuminaireWritesTest {
    private static final String PROFILE = "dali2-d4i-gateway";

    @TempDir
    Path conf;
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeAll
    static void pymodbusIsInstalled() {
        Assumptions.assumeTrue(PymodbusDevice.available(), PymodbusDevice.MISSING);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private PymodbusDevice device(Path profileFile) throws Exception {
        PymodbusDevice d = new PymodbusDevice(profileFile, LuminaireRig.DARK);
        open.add(d);
        LuminaireRig.playDaliGateway(d, 15);
        return d;
    }

    private LuminaireRig rig(PymodbusDevice d, Path confDir, String profile) throws Exception {
        LuminaireRig rig = new LuminaireRig("writes", d, confDir, profile, 100, 500);
        open.add(rig.poller);
        return rig.awaitFirstRead();
    }

    @Test
    void theTargetNeverFallsBackToTheOldLevelBetweenTheWriteAndTheNextRead() throws Exception {
        LuminaireRig rig = rig(device(LuminaireRig.SHIPPED.resolve(PROFILE + ".json")), null, PROFILE);
        for (int round = 1; round <= 5; round++) {
            double wanted = 10 * round;
            rig.luminaire.setLevel(wanted, Duration.ZERO);
            // Read without pause while the poller writes, reads back and polls: never the previous target.
            long end = System.nanoTime() + Duration.ofMillis(400).toNanos();
            while (System.nanoTime() < end) {
                assertThat(rig.luminaire.state().targetLevel()).as("the target after setLevel(%s)", wanted)
                        .isEqualTo(wanted);
            }
        }
    }

    @Test
    void theFadeTimeReachesTheGatewayBeforeTheLevelAndAnInvalidLevelNever() throws Exception {
        PymodbusDevice gateway = device(LuminaireRig.SHIPPED.resolve(PROFILE + ".json"));
        LuminaireRig rig = rig(gateway, null, PROFILE);
        assertThatThrownBy(() -> rig.luminaire.setLevel(150, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("150");
        rig.luminaire.setLevel(40, Duration.ofSeconds(2));
        Await.until("the level register holds 40", () -> gateway.get("level") == 40);
        // DALI fade time code 4 is 2.0 s (0.5 * sqrt(2^4)); the fade goes first, so that the level fades with it.
        assertThat(gateway.writes()).containsSubsequence("holding 13 4", "holding 15 40")
                .noneMatch(w -> w.startsWith("holding 15 150"));
    }

    @Test
    void aLevelBeyondTheProfilesLimitsIsClampedToThemAndReadBack() throws Exception {
        // A profile of the post's own in conf/modbus/: the same gateway, its level limited to 10-80 %.
        String shipped = Files.readString(LuminaireRig.SHIPPED.resolve(PROFILE + ".json"));
        String limited = shipped.replace("\"profile\": \"" + PROFILE + "\"", "\"profile\": \"limited-gateway\"")
                .replace("\"address\": 15, \"type\": \"uint16\", \"scale\": 1, \"unit\": \"%\",\n"
                        + "      \"write\": { \"min\": 0, \"max\": 100 } }",
                        "\"address\": 15, \"type\": \"uint16\", \"scale\": 1, \"unit\": \"%\",\n"
                        + "      \"write\": { \"min\": 10, \"max\": 80 } }");
        assertThat(limited).contains("\"min\": 10, \"max\": 80");
        Files.createDirectories(conf.resolve("modbus"));
        Path file = Files.writeString(conf.resolve("modbus/limited-gateway.json"), limited);
        PymodbusDevice gateway = device(file);
        LuminaireRig rig = rig(gateway, conf, "limited-gateway");

        rig.luminaire.setLevel(100, Duration.ZERO);
        assertThat(rig.luminaire.state().targetLevel()).as("the target is what the device will do").isEqualTo(80);
        Await.until("the luminaire reads back 80 %", () -> rig.luminaire.state().level() == 80);
        rig.luminaire.setLevel(5, Duration.ZERO);
        Await.until("the luminaire reads back 10 %", () -> rig.luminaire.state().level() == 10);
        assertThat(gateway.writes()).filteredOn(w -> w.startsWith("holding 15 ")).containsExactly("holding 15 80",
                "holding 15 10");
    }
}
