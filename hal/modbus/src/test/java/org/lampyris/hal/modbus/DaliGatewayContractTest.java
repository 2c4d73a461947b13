package org.lampyris.hal.modbus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.lampyris.hal.contract.LuminaireContract;
import org.lampyris.hal.contract.modbus.PymodbusDevice;
import org.lampyris.hal.luminaire.Luminaire;

/**
 * The Modbus driver with the shipped DALI-2/D4i gateway profile keeps the HAL contract that the simulator keeps,
 * against a real Modbus TCP server (Debian's pymodbus) that plays the gateway.
 */
class DaliGatewayContractTest extends LuminaireContract {
    private static final String PROFILE = "dali2-d4i-gateway";
    private static final int LEVEL_REGISTER = 15;

    private final List<PymodbusDevice> devices = new ArrayList<>();
    private final Map<Luminaire, LuminaireRig> rigs = new IdentityHashMap<>();
    private final Map<Luminaire, PymodbusDevice> deviceOf = new IdentityHashMap<>();

    @BeforeAll
    static void pymodbusIsInstalled() {
        Assumptions.assumeTrue(PymodbusDevice.available(), PymodbusDevice.MISSING);
    }

    @Override
    protected Luminaire newLuminaire(Set<Fault> faults) throws Exception {
        List<String> initial = new ArrayList<>(List.of(LuminaireRig.DARK));
        initial.add("lamp-failure=" + (faults.contains(Fault.LAMP_FAILURE) ? 1 : 0));
        initial.add("gear-failure=" + (faults.contains(Fault.GEAR_FAILURE) ? 1 : 0));
        PymodbusDevice device = new PymodbusDevice(LuminaireRig.SHIPPED.resolve(PROFILE + ".json"),
                initial.toArray(String[]::new));
        devices.add(device);
        LuminaireRig.playDaliGateway(device, LEVEL_REGISTER);
        LuminaireRig rig = new LuminaireRig("contract-" + devices.size(), device, null, PROFILE, 100, 500)
                .awaitFirstRead();
        rigs.put(rig.luminaire, rig);
        deviceOf.put(rig.luminaire, device);
        return rig.luminaire;
    }

    @Override
    protected void release(Luminaire luminaire) {
        rigs.remove(luminaire).poller.close();
    }

    @Override
    protected void letTimePass(Duration span) throws InterruptedException {
        Thread.sleep(span.toMillis());
    }

    @Override
    protected Duration settleTime() {
        // Poll period 100 ms, timeout 500 ms, backoff up to 500 ms: a few of each, generous for a loaded machine.
        return Duration.ofSeconds(5);
    }

    @Override
    protected Duration quietTime() {
        // Ten poll periods: a write the driver should not have made, or a notification it should not have sent, shows
        // within one or two.
        return Duration.ofSeconds(1);
    }

    @Override
    protected void makeUnreachable(Luminaire luminaire) throws Exception {
        deviceOf.get(luminaire).stop();
    }

    @Override
    protected void makeReachable(Luminaire luminaire) throws Exception {
        deviceOf.get(luminaire).start();
    }

    @AfterEach
    void stopDevices() throws Exception {
        for (PymodbusDevice d : devices) {
            d.close();
        }
        devices.clear();
    }
}
