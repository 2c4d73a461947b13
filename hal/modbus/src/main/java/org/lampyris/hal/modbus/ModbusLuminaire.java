package org.lampyris.hal.modbus;

import static org.lampyris.hal.modbus.profile.Meanings.BURNING_HOURS;
import static org.lampyris.hal.modbus.profile.Meanings.ENERGY;
import static org.lampyris.hal.modbus.profile.Meanings.FADE_TIME;
import static org.lampyris.hal.modbus.profile.Meanings.GEAR_FAILURE;
import static org.lampyris.hal.modbus.profile.Meanings.LAMP_FAILURE;
import static org.lampyris.hal.modbus.profile.Meanings.LEVEL;
import static org.lampyris.hal.modbus.profile.Meanings.LEVEL_ACTUAL;
import static org.lampyris.hal.modbus.profile.Meanings.POWER;
import static org.lampyris.hal.modbus.profile.Meanings.SYSTEM_FAILURE_LEVEL;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.lampyris.hal.DeviceUnavailableException;
import org.lampyris.hal.Subscription;
import org.lampyris.hal.TimeSource;
import org.lampyris.hal.luminaire.Luminaire;
import org.lampyris.hal.luminaire.LuminaireInfo;
import org.lampyris.hal.luminaire.LuminaireState;
import org.lampyris.hal.modbus.profile.DeviceProfile;
import org.lampyris.hal.modbus.profile.ProfileValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A luminaire behind a Modbus device, as its profile maps it. Levels are clamped to the profile's limits before they
 * are asked of the poller, which writes them on its own thread; the state is the poller's last complete read, or a
 * {@link DeviceUnavailableException} with the reason while the device does not answer.
 */
final class ModbusLuminaire implements Luminaire {
    private static final Logger LOG = LoggerFactory.getLogger(ModbusLuminaire.class);

    private final String name;
    private final String description;
    private final LuminaireInfo info;
    private final DeviceProfile profile;
    private final DevicePoller poller;
    private final TimeSource time;
    private final List<Consumer<LuminaireState>> listeners = new CopyOnWriteArrayList<>();
    private volatile LuminaireState lastTold;

    ModbusLuminaire(String name, String description, LuminaireInfo info, DeviceProfile profile, DevicePoller poller,
            TimeSource time) {
        this.name = name;
        this.description = description;
        this.info = info;
        this.profile = profile;
        this.poller = poller;
        this.time = time;
    }

    @Override
    public LuminaireInfo info() {
        return info;
    }

    @Override
    public void setLevel(double percent, Duration fade) {
        checkPercent("level", percent);
        Objects.requireNonNull(fade, "fade");
        if (fade.isNegative()) {
            throw new IllegalArgumentException("fade time must not be negative, got " + fade);
        }
        profile.value(FADE_TIME).ifPresent(v -> poller.request(FADE_TIME, clamped(v, fade.toMillis() / 1000.0)));
        poller.request(LEVEL, clamped(profile.value(LEVEL).orElseThrow(), percent));
    }

    @Override
    public LuminaireState state() {
        DeviceStatus status = poller.status();
        if (!status.isAvailable()) {
            // The reason first: a CoAP diagnostic is short, and the device's address is in health and the log.
            throw new DeviceUnavailableException(name + " unavailable: " + status.reason() + " (since "
                    + status.time() + ")");
        }
        return toState(status);
    }

    @Override
    public void setSystemFailureLevel(double percent) {
        checkPercent("system failure level", percent);
        profile.value(SYSTEM_FAILURE_LEVEL).ifPresent(v -> poller.request(SYSTEM_FAILURE_LEVEL, clamped(v, percent)));
    }

    @Override
    public double systemFailureLevel() {
        Double wanted = poller.wanted(SYSTEM_FAILURE_LEVEL);
        if (wanted != null) {
            return wanted;
        }
        Double read = poller.status().values().get(SYSTEM_FAILURE_LEVEL);
        return read != null ? read : 100;
    }

    @Override
    public Subscription onChange(Consumer<LuminaireState> listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Called by the poller with each new status: listeners hear of states that moved, never of stale ones. */
    void polled(DeviceStatus status) {
        if (!status.isAvailable()) {
            lastTold = null;
            return;
        }
        LuminaireState state = toState(status);
        LuminaireState previous = lastTold;
        if (previous != null && sameEnough(previous, state)) {
            return;
        }
        lastTold = state;
        for (Consumer<LuminaireState> listener : listeners) {
            try {
                listener.accept(state);
            } catch (RuntimeException e) {
                LOG.warn("A listener of {} failed: {}", description, e.toString());
            }
        }
    }

    private LuminaireState toState(DeviceStatus status) {
        Map<String, Double> v = status.values();
        Double pending = poller.pending(LEVEL);
        double target = pending != null ? pending : v.get(LEVEL);
        double actual = v.getOrDefault(LEVEL_ACTUAL, v.get(LEVEL));
        return new LuminaireState(time.now(), actual, target, v.get(POWER), v.get(ENERGY), v.get(LAMP_FAILURE) != 0,
                v.get(GEAR_FAILURE) != 0, v.getOrDefault(BURNING_HOURS, 0.0));
    }

    private double clamped(ProfileValue value, double wanted) {
        double clamped = value.clamp(wanted);
        if (clamped != wanted) {
            LOG.info("{}: {} {} is outside the profile's limits {}-{}, writing {}", description, value.meaning(),
                    wanted, value.min(), value.max(), clamped);
        }
        return clamped;
    }

    private static boolean sameEnough(LuminaireState a, LuminaireState b) {
        return a.level() == b.level() && a.targetLevel() == b.targetLevel()
                && Math.abs(a.powerWatts() - b.powerWatts()) < 0.05
                && Math.abs(a.energyWattHours() - b.energyWattHours()) < 0.005
                && a.lampFailure() == b.lampFailure() && a.gearFailure() == b.gearFailure();
    }

    private static void checkPercent(String what, double percent) {
        if (!(percent >= 0 && percent <= 100)) {
            throw new IllegalArgumentException(what + " must be between 0 and 100 %, got " + percent);
        }
    }
}
