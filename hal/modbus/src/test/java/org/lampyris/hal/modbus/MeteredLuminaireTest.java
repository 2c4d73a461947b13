package org.lampyris.hal.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lampyris.hal.DeviceUnavailableException;
import org.lampyris.hal.contract.modbus.PymodbusDevice;
import org.lampyris.hal.luminaire.LuminaireState;
import org.lampyris.hal.modbus.profile.ProfileLibrary;
import org.lampyris.testkit.Await;

/**
 * A DALI-2 luminaire without metering of its own (the shipped dali2-gateway profile) measured by an Eastron SDM630
 * (eastron-sdm630), each a pymodbus server, wired as {@link ModbusDevice} wires them: the luminaire's power and energy
 * are the meter's, and its state is unavailable with the meter's reason while the meter cannot be read.
 */
class MeteredLuminaireTest {
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

    private PymodbusDevice device(String profile, String... initial) throws Exception {
        PymodbusDevice d = new PymodbusDevice(LuminaireRig.SHIPPED.resolve(profile + ".json"), initial);
        open.add(d);
        return d;
    }

    private ModbusEnergyMeter meter(PymodbusDevice device) {
        Bus bus = MasterBus.tcp("127.0.0.1", device.port(), 1, 500);
        ModbusEnergyMeter[] meter = new ModbusEnergyMeter[1];
        DevicePoller poller = new DevicePoller("meter-1", bus, new ProfileLibrary(null).load("eastron-sdm630"),
                new DevicePoller.Timing(100, 500), status -> meter[0].polled(status));
        meter[0] = new ModbusEnergyMeter("Modbus device meter-1", poller, LuminaireRig.SYSTEM_TIME);
        open.add(poller);
        poller.start();
        return meter[0];
    }

    @Test
    void theMeterSuppliesPowerAndEnergyAndItsFaultIsTheLuminairesWithTheReason() throws Exception {
        PymodbusDevice gateway = device("dali2-gateway", "level=0", "level.actual=0", "system-failure-level=100");
        PymodbusDevice sdm630 = device("eastron-sdm630", "voltage=230", "power=0.4", "energy=5000");
        LuminaireRig rig = new LuminaireRig("street-1", gateway, null, "dali2-gateway", 100, 500);
        open.add(rig.poller);
        open.add(rig.luminaire::close);
        assertThat(rig.luminaire.hasOwnMetering()).isFalse();

        // No meter measures it yet: its state says so rather than make up a power.
        Await.until("the gateway is read", () -> rig.poller.status().isAvailable());
        assertThatThrownBy(rig.luminaire::state).isInstanceOf(DeviceUnavailableException.class)
                .hasMessageContaining("no energy meter measures it");
        // A level set meanwhile still goes out.
        rig.luminaire.setLevel(60, Duration.ZERO);
        Await.until("the gateway's level register holds 60", () -> gateway.get("level") == 60);

        ModbusEnergyMeter meter = meter(sdm630);
        List<LuminaireState> told = new CopyOnWriteArrayList<>();
        rig.luminaire.onChange(told::add);
        rig.luminaire.meteredBy(meter, "Modbus device meter-1");
        Await.until("the luminaire reads the meter's 0.4 W and 5000 Wh", () -> readsPower(rig, 0.4, 5000));

        sdm630.set("power", 37.5);
        sdm630.set("energy", 5012.5);
        Await.until("the luminaire reads the meter's 37.5 W", () -> readsPower(rig, 37.5, 5012.5));
        Await.until("a listener hears 37.5 W", () -> told.stream().anyMatch(s -> s.powerWatts() == 37.5));
        assertThat(rig.luminaire.state().targetLevel()).isEqualTo(60);

        sdm630.answerWithException(4);
        Await.until("the luminaire is unavailable with the meter's reason", () -> {
            try {
                rig.luminaire.state();
                return false;
            } catch (DeviceUnavailableException e) {
                assertThat(e.getMessage()).contains("Modbus device street-1 has no power and energy")
                        .contains("Modbus device meter-1 unavailable").contains("Modbus exception 4");
                return true;
            }
        });
        sdm630.normal();
        Await.until("the luminaire reads the meter again", () -> readsPower(rig, 37.5, 5012.5));

        // The meter goes (its configuration deleted): the luminaire says so again, and no longer follows it.
        rig.luminaire.meteredBy(null, null);
        assertThatThrownBy(rig.luminaire::state).hasMessageContaining("no energy meter measures it");
    }

    private static boolean readsPower(LuminaireRig rig, double watts, double wattHours) {
        try {
            LuminaireState s = rig.luminaire.state();
            return Math.abs(s.powerWatts() - watts) < 1e-3 && Math.abs(s.energyWattHours() - wattHours) < 0.5;
        } catch (DeviceUnavailableException e) {
            return false;
        }
    }
}
