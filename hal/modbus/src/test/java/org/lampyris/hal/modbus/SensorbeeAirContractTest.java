package org.lampyris.hal.modbus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.lampyris.hal.air.AirChannel;
import org.lampyris.hal.air.AirQualitySensor;
import org.lampyris.hal.contract.AirQualitySensorContract;
import org.lampyris.hal.contract.modbus.PymodbusDevice;
import org.lampyris.hal.modbus.profile.DeviceProfile;
import org.lampyris.hal.modbus.profile.Meanings;
import org.lampyris.hal.modbus.profile.ProfileLibrary;

/**
 * The Modbus driver with the shipped Sensorbee RTU air-unit profile keeps the HAL contract that the simulated air
 * sensors keep, against a pymodbus server with the same register map. It runs over Modbus TCP: the driver's code
 * above the bus is the same for RTU and TCP, a pseudo-terminal pair per test would make the suite slow and need
 * socat here too, and the RTU framing itself is proven over socat by tests/e2e's ModbusRtuAirSensorTest.
 */
class SensorbeeAirContractTest extends AirQualitySensorContract {
    private static final String PROFILE = "sensorbee-air-rtu";
    private static final Map<AirChannel, String> MEANING = Map.of(AirChannel.PM1, Meanings.PM1, AirChannel.PM2_5,
            Meanings.PM2_5, AirChannel.PM10, Meanings.PM10, AirChannel.NO2, Meanings.NO2, AirChannel.O3, Meanings.O3,
            AirChannel.TEMPERATURE, Meanings.TEMPERATURE, AirChannel.HUMIDITY, Meanings.HUMIDITY);

    private final List<PymodbusDevice> devices = new ArrayList<>();
    private final Map<AirQualitySensor, DevicePoller> pollers = new IdentityHashMap<>();
    private final Map<AirQualitySensor, PymodbusDevice> deviceOf = new IdentityHashMap<>();

    @BeforeAll
    static void pymodbusIsInstalled() {
        Assumptions.assumeTrue(PymodbusDevice.available(), PymodbusDevice.MISSING);
    }

    @Override
    protected AirQualitySensor newSensor() throws Exception {
        PymodbusDevice device = new PymodbusDevice(LuminaireRig.SHIPPED.resolve(PROFILE + ".json"), "pm1=5.5",
                "pm2.5=8.25", "pm10=14", "no2=21", "o3=48", "temperature=11.5", "humidity=81");
        devices.add(device);
        DeviceProfile profile = new ProfileLibrary(null).load(PROFILE);
        Bus bus = MasterBus.tcp("127.0.0.1", device.port(), 1, 500);
        DevicePoller poller = new DevicePoller("air-" + devices.size(), bus, profile,
                new DevicePoller.Timing(100, 500), status -> { });
        ModbusAirSensor sensor = new ModbusAirSensor("Modbus device air-" + devices.size(), profile, poller,
                LuminaireRig.SYSTEM_TIME);
        poller.start();
        pollers.put(sensor, poller);
        deviceOf.put(sensor, device);
        return sensor;
    }

    @Override
    protected void release(AirQualitySensor sensor) {
        pollers.remove(sensor).close();
    }

    @Override
    protected void letTimePass(Duration span) throws InterruptedException {
        Thread.sleep(span.toMillis());
    }

    @Override
    protected Duration settleTime() {
        return Duration.ofSeconds(5);
    }

    @Override
    protected void changeReading(AirQualitySensor sensor, AirChannel channel, double value) throws Exception {
        deviceOf.get(sensor).set(MEANING.get(channel), value);
    }

    @Override
    protected void failChannel(AirQualitySensor sensor, AirChannel channel) throws Exception {
        // What a unit does while a cell warms up or fails: the float register holds NaN.
        deviceOf.get(sensor).set(MEANING.get(channel), Double.NaN);
    }

    @Override
    protected void makeUnreachable(AirQualitySensor sensor) throws Exception {
        deviceOf.get(sensor).stop();
    }

    @Override
    protected void makeReachable(AirQualitySensor sensor) throws Exception {
        deviceOf.get(sensor).start();
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
