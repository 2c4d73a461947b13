package org.lampyris.hal.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lampyris.hal.DeviceUnavailableException;
import org.lampyris.hal.contract.modbus.PymodbusDevice;
import org.lampyris.testkit.Await;

/**
 * One slow or dead device never delays another: each device is polled on a thread of its own, so while one gateway
 * hangs (its process stopped: the TCP link stays up, nothing answers) and the driver waits out its timeout, the other
 * luminaire's writes land and read back as quickly as before, and neither luminaire's methods block their callers.
 */
class OneDeadDeviceTest {
    private static final String PROFILE = "dali2-d4i-gateway";
    /** The hung device's timeout: long, so that a shared thread would hold every round of the healthy one this long. */
    private static final int TIMEOUT_MS = 3000;
    private static final Duration GENEROUS = Duration.ofMillis(TIMEOUT_MS / 2);

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

    private LuminaireRig luminaireOn(PymodbusDevice device, String name) throws Exception {
        LuminaireRig.playDaliGateway(device, 15);
        LuminaireRig rig = new LuminaireRig(name, device, null, PROFILE, 100, TIMEOUT_MS);
        open.add(rig.poller);
        return rig.awaitFirstRead();
    }

    private PymodbusDevice gateway() throws Exception {
        PymodbusDevice d = new PymodbusDevice(LuminaireRig.SHIPPED.resolve(PROFILE + ".json"), LuminaireRig.DARK);
        open.add(d);
        return d;
    }

    /** @return how long a level takes from setLevel to being read back from the device */
    private static Duration roundTrip(LuminaireRig rig, double level) throws Exception {
        long start = System.nanoTime();
        rig.luminaire.setLevel(level, Duration.ZERO);
        Await.until("the luminaire reads back " + level + " %", Duration.ofSeconds(10),
                () -> rig.luminaire.state().level() == level);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Test
    void aHungGatewayIsReportedUnavailableAfterOneTimeoutNotAfterRetries() throws Exception {
        PymodbusDevice gateway = gateway();
        LuminaireRig.playDaliGateway(gateway, 15);
        LuminaireRig rig = new LuminaireRig("hung", gateway, null, PROFILE, 100, 1000);
        open.add(rig.poller);
        rig.awaitFirstRead();
        gateway.freeze();
        long frozenAt = System.nanoTime();
        Await.until("the hung gateway is reported unavailable", Duration.ofSeconds(20), () -> {
            try {
                rig.luminaire.state();
                return false;
            } catch (DeviceUnavailableException e) {
                return true;
            }
        });
        Duration took = Duration.ofNanos(System.nanoTime() - frozenAt);
        System.out.printf("OneDeadDeviceTest: a hung gateway (timeout 1000 ms, poll 100 ms) reported unavailable "
                + "after %d ms%n", took.toMillis());
        // One timeout and a poll period; j2mod's default of five attempts made it five timeouts.
        assertThat(took).as("time until the hung gateway is reported").isLessThan(Duration.ofMillis(3000));
    }

    @Test
    void aHungGatewayNeverDelaysTheOtherLuminairesWritesAndReads() throws Exception {
        PymodbusDevice healthyGateway = gateway();
        PymodbusDevice hungGateway = gateway();
        LuminaireRig healthy = luminaireOn(healthyGateway, "healthy");
        LuminaireRig hung = luminaireOn(hungGateway, "hung");
        Duration before = roundTrip(healthy, 10);

        hungGateway.freeze();
        long frozenAt = System.nanoTime();
        Duration slowest = Duration.ZERO;
        int rounds = 0;
        boolean reportedUnavailable = false;
        // For longer than the hung device's timeout, so that the healthy one is watched while the driver waits on it.
        while (System.nanoTime() - frozenAt < Duration.ofMillis(TIMEOUT_MS + 1500).toNanos()) {
            Duration trip = roundTrip(healthy, 20 + rounds % 60);
            slowest = trip.compareTo(slowest) > 0 ? trip : slowest;
            rounds++;
            long call = System.nanoTime();
            try {
                hung.luminaire.state();
            } catch (DeviceUnavailableException e) {
                reportedUnavailable = true;
                assertThat(e.getMessage()).as("the reason").contains("hung").contains("no answer");
            }
            hung.luminaire.setLevel(50, Duration.ZERO);
            assertThat(Duration.ofNanos(System.nanoTime() - call)).as("the hung luminaire's state() and setLevel()")
                    .isLessThan(GENEROUS);
        }
        System.out.printf("OneDeadDeviceTest: healthy round trip %d ms before the other hung, slowest of %d rounds "
                + "while it hung %d ms (its timeout %d ms)%n", before.toMillis(), rounds, slowest.toMillis(),
                TIMEOUT_MS);
        assertThat(reportedUnavailable).as("the hung gateway was reported unavailable meanwhile").isTrue();
        assertThat(slowest).as("the healthy luminaire's slowest write and read back while the other hung")
                .isLessThan(GENEROUS);

        hungGateway.thaw();
        Await.until("the hung luminaire answers again with the level set meanwhile", Duration.ofSeconds(15),
                () -> {
                    try {
                        return hung.luminaire.state().level() == 50;
                    } catch (DeviceUnavailableException e) {
                        return false;
                    }
                });
        assertThatThrownBy(() -> hung.luminaire.setLevel(-1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
