package org.lampyris.hal.modbus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.lampyris.hal.contract.EvSupplyEquipmentContract;
import org.lampyris.hal.contract.modbus.PymodbusDevice;
import org.lampyris.hal.ev.EvSupplyEquipment;
import org.lampyris.hal.modbus.profile.DeviceProfile;
import org.lampyris.hal.modbus.profile.ProfileLibrary;

/**
 * The Modbus driver with the shipped Phoenix Contact EV Charge Control profile keeps the HAL contract that the
 * simulated charge point keeps, against a pymodbus server playing the controller: IEC 61851 state A as letter 'A' in
 * input 100, a vehicle as 'B', a fault as a non-zero error code in input 107.
 */
class PhoenixChargerContractTest extends EvSupplyEquipmentContract {
    private static final String PROFILE = "phoenix-ev-charge-control";

    private final List<PymodbusDevice> devices = new ArrayList<>();
    private final Map<EvSupplyEquipment, DevicePoller> pollers = new IdentityHashMap<>();
    private final Map<EvSupplyEquipment, PymodbusDevice> deviceOf = new IdentityHashMap<>();

    @BeforeAll
    static void pymodbusIsInstalled() {
        Assumptions.assumeTrue(PymodbusDevice.available(), PymodbusDevice.MISSING);
    }

    @Override
    protected EvSupplyEquipment newEquipment(Situation situation) throws Exception {
        int state = situation == Situation.NO_VEHICLE ? 1 : 2;
        PymodbusDevice device = new PymodbusDevice(LuminaireRig.SHIPPED.resolve(PROFILE + ".json"),
                "ev-state=" + state, "error-code=" + (situation == Situation.FAULT ? 3 : 0), "charge-enable=0",
                "max-current=6", "connector-lock=0", "voltage=230", "current=0", "power=0", "energy=10000");
        devices.add(device);
        DeviceProfile profile = new ProfileLibrary(null).load(PROFILE);
        Bus bus = MasterBus.tcp("127.0.0.1", device.port(), 1, 500);
        ModbusEvse[] evse = new ModbusEvse[1];
        DevicePoller poller = new DevicePoller("evse-" + devices.size(), bus, profile,
                new DevicePoller.Timing(100, 500), status -> evse[0].polled(status));
        evse[0] = new ModbusEvse("Modbus device evse-" + devices.size(), profile, 1, 230, poller,
                LuminaireRig.SYSTEM_TIME);
        poller.start();
        pollers.put(evse[0], poller);
        deviceOf.put(evse[0], device);
        // Ready once read: a new charge point answers (the contract's tests start from a device that answers).
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!poller.status().isAvailable() && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        return evse[0];
    }

    @Override
    protected void release(EvSupplyEquipment equipment) {
        pollers.remove(equipment).close();
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
    protected void makeUnreachable(EvSupplyEquipment equipment) throws Exception {
        deviceOf.get(equipment).stop();
    }

    @Override
    protected void makeReachable(EvSupplyEquipment equipment) throws Exception {
        deviceOf.get(equipment).start();
    }

    @AfterEach
    void stopDevices() throws Exception {
        for (DevicePoller p : pollers.values()) {
            p.close();
        }
        for (PymodbusDevice d : devices) {
            d.close();
        }
    }
}
