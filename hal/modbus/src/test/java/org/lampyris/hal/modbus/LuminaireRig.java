package org.lampyris.hal.modbus;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.lampyris.hal.DeviceUnavailableException;
import org.lampyris.hal.TimeSource;
import org.lampyris.hal.contract.modbus.PymodbusDevice;
import org.lampyris.hal.luminaire.LuminaireInfo;
import org.lampyris.hal.modbus.profile.DeviceProfile;
import org.lampyris.hal.modbus.profile.ProfileLibrary;

/**
 * The Modbus luminaire driver wired as {@link ModbusDevice} wires it for a factory configuration (TCP bus, poller,
 * luminaire), against a pymodbus device on loopback loaded with the profile's register map, without a framework.
 * The device plays a DALI gateway's part: the level a master writes becomes its actual level, in ten steps over the
 * fade time the master wrote before it, as a gateway reports a DALI fade.
 */
final class LuminaireRig {
    /** The profiles shipped with the driver, as files for the pymodbus device. */
    static final Path SHIPPED = Path.of("src/main/resources/org/lampyris/hal/modbus/profile/profiles")
            .toAbsolutePath();
    /** What a gateway starts with: dark, the system failure and power-on levels at 100 %, standby power. */
    static final String[] DARK = { "level=0", "level.actual=0", "power=0.3", "energy=1000",
        "system-failure-level=100", "power-on-level=100" };
    static final TimeSource SYSTEM_TIME = new TimeSource() {
        @Override
        public Instant now() {
            return Instant.now();
        }

        @Override
        public ZoneId zone() {
            return ZoneId.systemDefault();
        }

        @Override
        public double speed() {
            return 1;
        }
    };

    final ModbusLuminaire luminaire;
    final DevicePoller poller;

    /**
     * @param confDir a conf/ folder whose modbus/ holds profiles of the test's own, or null for the shipped ones
     */
    LuminaireRig(String name, PymodbusDevice device, Path confDir, String profile, long pollMillis,
            int timeoutMillis) {
        DeviceProfile p = new ProfileLibrary(confDir).load(profile);
        Bus bus = MasterBus.tcp("127.0.0.1", device.port(), 1, timeoutMillis);
        ModbusLuminaire[] l = new ModbusLuminaire[1];
        poller = new DevicePoller(name, bus, p, new DevicePoller.Timing(pollMillis, Math.max(pollMillis, 500)),
                status -> l[0].polled(status));
        l[0] = new ModbusLuminaire("Modbus device " + name, "Modbus device " + name + " (" + p.id() + " at "
                + bus.address() + ")", new LuminaireInfo(p.vendor(), p.model(), p.ratedPowerWatts()), p, poller,
                SYSTEM_TIME);
        luminaire = l[0];
        poller.start();
    }

    /** Waits until the driver has read the device once (bounded). */
    LuminaireRig awaitFirstRead() throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                luminaire.state();
                return this;
            } catch (DeviceUnavailableException e) {
                if (System.nanoTime() > end) {
                    throw new AssertionError("the driver did not read the device within 10 s: " + e.getMessage());
                }
                Thread.sleep(10);
            }
        }
    }

    /** Makes the device report the levels written to the given register as its actual level, fading as DALI does. */
    static void playDaliGateway(PymodbusDevice device, int levelRegister) {
        device.onWrite(write -> {
            String[] w = write.split(" ");
            if (!w[0].equals("holding") || Integer.parseInt(w[1]) != levelRegister) {
                return;
            }
            try {
                double target = Double.parseDouble(w[2]);
                double fade = device.get("fade-time");
                double from = device.get("level.actual");
                int steps = fade > 0 ? 10 : 0;
                for (int i = 1; i < steps; i++) {
                    Thread.sleep((long) (fade * 100));
                    device.set("level.actual", Math.round(from + (target - from) * i / steps));
                }
                device.set("level.actual", target);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                throw new IllegalStateException("the gateway could not follow " + write, e);
            }
        });
    }
}
