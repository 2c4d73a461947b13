package org.lampyris.hal.modbus;

import static org.lampyris.hal.modbus.profile.Meanings.CHARGE_ENABLE;
import static org.lampyris.hal.modbus.profile.Meanings.CONNECTOR_LOCK;
import static org.lampyris.hal.modbus.profile.Meanings.CURRENT;
import static org.lampyris.hal.modbus.profile.Meanings.ENERGY;
import static org.lampyris.hal.modbus.profile.Meanings.ERROR_CODE;
import static org.lampyris.hal.modbus.profile.Meanings.EV_STATE;
import static org.lampyris.hal.modbus.profile.Meanings.MAX_CURRENT;
import static org.lampyris.hal.modbus.profile.Meanings.POWER;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.lampyris.hal.Subscription;
import org.lampyris.hal.TimeSource;
import org.lampyris.hal.ev.EvSupplyEquipment;
import org.lampyris.hal.ev.EvseInfo;
import org.lampyris.hal.ev.EvseState;
import org.lampyris.hal.ev.EvseStatus;
import org.lampyris.hal.modbus.profile.DeviceProfile;
import org.lampyris.hal.modbus.profile.ProfileValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The EV supply equipment behind a Modbus charge controller, as its profile maps it. The current set point is
 * checked against the equipment's limits (0, or the profile's write limits) before it is asked of the poller, so
 * that nothing outside them reaches the bus; 0 A disables charging where the profile maps {@code charge-enable},
 * otherwise it is written as the set point.
 * <p>
 * A controller that does not answer, that reports an error code or a state it has no letter for, is in state F
 * (the equipment is not available), with no current and no power: the EV plugin ends a session on it as a fault.
 * The meter keeps its last reading, because a session's energy is counted from it; why the controller is
 * unavailable is in the device's service properties, and so in {@code /mgmt/health}.
 */
final class ModbusEvse implements EvSupplyEquipment {
    private static final Logger LOG = LoggerFactory.getLogger(ModbusEvse.class);
    private static final EvseState[] STATES = EvseState.values();

    private final String description;
    private final EvseInfo info;
    private final DeviceProfile profile;
    private final DevicePoller poller;
    private final TimeSource time;
    private final List<Consumer<EvseStatus>> listeners = new CopyOnWriteArrayList<>();
    private volatile double lastEnergy;
    private volatile EvseStatus lastTold;

    ModbusEvse(String description, DeviceProfile profile, int phases, double voltage, DevicePoller poller,
            TimeSource time) {
        this.description = description;
        this.profile = profile;
        ProfileValue setPoint = profile.value(MAX_CURRENT).orElseThrow();
        this.info = new EvseInfo(Math.max(6, setPoint.min()), setPoint.max(), phases, voltage);
        this.poller = poller;
        this.time = time;
    }

    @Override
    public EvseInfo info() {
        return info;
    }

    @Override
    public EvseStatus status() {
        return toStatus(poller.status());
    }

    @Override
    public void setMaxCurrent(double amps) {
        if (!(amps == 0 || (amps >= info.minCurrentAmps() && amps <= info.maxCurrentAmps()))) {
            throw new IllegalArgumentException("current must be 0 or between " + info.minCurrentAmps() + " and "
                    + info.maxCurrentAmps() + " A, got " + amps);
        }
        boolean enable = profile.value(CHARGE_ENABLE).isPresent();
        if (amps == 0 && enable) {
            poller.request(CHARGE_ENABLE, 0);
        } else {
            poller.request(MAX_CURRENT, amps);
            if (enable) {
                poller.request(CHARGE_ENABLE, 1);
            }
        }
    }

    @Override
    public void setConnectorLocked(boolean locked) {
        if (profile.value(CONNECTOR_LOCK).isEmpty()) {
            LOG.debug("{}: the profile maps no connector lock; the controller locks on its own", description);
            return;
        }
        poller.request(CONNECTOR_LOCK, locked ? 1 : 0);
    }

    @Override
    public Subscription onChange(Consumer<EvseStatus> listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Called by the poller with each new status: listeners hear of the state, offer, lock or meter moving. */
    void polled(DeviceStatus status) {
        EvseStatus next = toStatus(status);
        EvseStatus previous = lastTold;
        if (previous != null && previous.state() == next.state()
                && previous.offeredCurrentAmps() == next.offeredCurrentAmps()
                && previous.connectorLocked() == next.connectorLocked()
                && Math.abs(previous.energyWattHours() - next.energyWattHours()) < 0.5
                && Math.abs(previous.powerWatts() - next.powerWatts()) < 1) {
            return;
        }
        lastTold = next;
        for (Consumer<EvseStatus> listener : listeners) {
            try {
                listener.accept(next);
            } catch (RuntimeException e) {
                LOG.warn("A listener of {} failed: {}", description, e.toString());
            }
        }
    }

    private EvseStatus toStatus(DeviceStatus status) {
        Map<String, Double> v = status.values();
        double offered = offered(v);
        boolean locked = flag(CONNECTOR_LOCK, v);
        if (!status.isAvailable()) {
            return new EvseStatus(time.now(), EvseState.F, offered, 0, 0, lastEnergy, locked);
        }
        double energy = v.get(ENERGY);
        lastEnergy = energy;
        int code = (int) Math.round(v.get(EV_STATE));
        boolean error = v.getOrDefault(ERROR_CODE, 0.0) != 0;
        EvseState state = error || code < 1 || code > STATES.length ? EvseState.F : STATES[code - 1];
        boolean flowing = state == EvseState.C || state == EvseState.D;
        double current = flowing ? v.getOrDefault(CURRENT, 0.0) : 0;
        double power = flowing ? v.getOrDefault(POWER, current * info.voltage() * info.phases()) : 0;
        return new EvseStatus(time.now(), state, offered, current, power, energy, locked);
    }

    /** @return the current offered: what is being written, else what was read; 0 while charging is disabled */
    private double offered(Map<String, Double> v) {
        boolean enabled = profile.value(CHARGE_ENABLE).isEmpty() || flag(CHARGE_ENABLE, v);
        if (!enabled) {
            return 0;
        }
        Double pending = poller.pending(MAX_CURRENT);
        if (pending != null) {
            return pending;
        }
        Double read = v.get(MAX_CURRENT);
        if (read == null) {
            Double wanted = poller.wanted(MAX_CURRENT);
            return wanted == null ? 0 : wanted;
        }
        return read;
    }

    private boolean flag(String meaning, Map<String, Double> v) {
        Double pending = poller.pending(meaning);
        if (pending != null) {
            return pending != 0;
        }
        Double read = v.get(meaning);
        if (read == null) {
            Double wanted = poller.wanted(meaning);
            return wanted != null && wanted != 0;
        }
        return read != 0;
    }
}
