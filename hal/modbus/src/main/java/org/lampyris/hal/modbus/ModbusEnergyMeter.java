package org.lampyris.hal.modbus;

import static org.lampyris.hal.modbus.profile.Meanings.ENERGY;
import static org.lampyris.hal.modbus.profile.Meanings.POWER;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.lampyris.hal.DeviceUnavailableException;
import org.lampyris.hal.Subscription;
import org.lampyris.hal.TimeSource;
import org.lampyris.hal.meter.EnergyMeter;
import org.lampyris.hal.meter.MeterReading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An energy meter behind a Modbus device (an Eastron SDM630, say), as its profile maps power and energy: the reading
 * is the poller's last complete read, or a {@link DeviceUnavailableException} with the reason while the meter does
 * not answer or answers with a Modbus exception. Listeners hear of readings that moved, and of nothing while the
 * meter is unavailable.
 */
final class ModbusEnergyMeter implements EnergyMeter {
    private static final Logger LOG = LoggerFactory.getLogger(ModbusEnergyMeter.class);

    private final String name;
    private final DevicePoller poller;
    private final TimeSource time;
    private final List<Consumer<MeterReading>> listeners = new CopyOnWriteArrayList<>();
    private volatile MeterReading lastTold;

    ModbusEnergyMeter(String name, DevicePoller poller, TimeSource time) {
        this.name = name;
        this.poller = poller;
        this.time = time;
    }

    @Override
    public MeterReading reading() {
        DeviceStatus status = poller.status();
        if (!status.isAvailable()) {
            throw new DeviceUnavailableException(name + " unavailable: " + status.reason() + " (since "
                    + status.time() + ")");
        }
        return toReading(status);
    }

    @Override
    public Subscription onChange(Consumer<MeterReading> listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Called by the poller with each new status. */
    void polled(DeviceStatus status) {
        if (!status.isAvailable()) {
            lastTold = null;
            return;
        }
        MeterReading reading = toReading(status);
        MeterReading previous = lastTold;
        if (previous != null && Math.abs(previous.powerWatts() - reading.powerWatts()) < 0.05
                && Math.abs(previous.energyWattHours() - reading.energyWattHours()) < 0.005) {
            return;
        }
        lastTold = reading;
        for (Consumer<MeterReading> listener : listeners) {
            try {
                listener.accept(reading);
            } catch (RuntimeException e) {
                LOG.warn("A listener of {} failed: {}", name, e.toString());
            }
        }
    }

    private MeterReading toReading(DeviceStatus status) {
        return new MeterReading(time.now(), status.values().get(POWER), status.values().get(ENERGY));
    }
}
