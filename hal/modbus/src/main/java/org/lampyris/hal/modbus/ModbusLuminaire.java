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
import org.lampyris.hal.meter.EnergyMeter;
import org.lampyris.hal.meter.MeterReading;
import org.lampyris.hal.modbus.profile.DeviceProfile;
import org.lampyris.hal.modbus.profile.ProfileValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A luminaire behind a Modbus device, as its profile maps it. Levels are clamped to the profile's limits before they
 * are asked of the poller, which writes them on its own thread; the state is the poller's last complete read, or a
 * {@link DeviceUnavailableException} with the reason while the device does not answer.
 * <p>
 * A profile without power and energy (a DALI-2 driver without D4i energy reporting) takes them from the
 * {@link EnergyMeter} that measures the luminaire ({@link #meteredBy}): its state is then whole only with the meter's
 * reading, and is unavailable, with the meter's reason, while no meter measures it or the meter cannot be read.
 * Listeners hear of the meter's readings moving as of any other change.
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
    private final boolean ownMetering;
    private LuminaireState lastTold; // guarded by this
    private volatile Metered meter;

    /** The meter that measures a luminaire without metering of its own, and the subscription to its readings. */
    private record Metered(EnergyMeter meter, String name, Subscription subscription) {
    }

    ModbusLuminaire(String name, String description, LuminaireInfo info, DeviceProfile profile, DevicePoller poller,
            TimeSource time) {
        this.name = name;
        this.description = description;
        this.info = info;
        this.profile = profile;
        this.poller = poller;
        this.time = time;
        this.ownMetering = profile.value(POWER).isPresent();
    }

    /** @return whether the profile maps power and energy; otherwise an energy meter must measure the luminaire */
    boolean hasOwnMetering() {
        return ownMetering;
    }

    /**
     * Says which energy meter measures this luminaire, for a luminaire without metering of its own.
     *
     * @param meter the meter, or null when none measures it (any longer)
     * @param meterName what it is, for the reason of a state that cannot be given: its device's name
     */
    void meteredBy(EnergyMeter meter, String meterName) {
        synchronized (this) {
            Metered old = this.meter;
            if (old != null && old.meter() == meter) {
                return;
            }
            if (old != null) {
                old.subscription().close();
            }
            this.meter = meter == null ? null
                    : new Metered(meter, meterName, meter.onChange(reading -> repolled()));
        }
        if (meter != null) {
            LOG.info("{}: power and energy from the energy meter {}", description, meterName);
        } else if (!ownMetering) {
            LOG.info("{}: no energy meter measures it now: its state is unavailable until one does", description);
        }
        repolled();
    }

    /** Stops following the meter's readings, as the component's deactivation does. */
    void close() {
        meteredBy(null, null);
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
        // The pending level before the status: the poller publishes the status that read a written level before it
        // stops calling that level pending, so read in this order the target is never the level before the last ask.
        Double pending = poller.pending(LEVEL);
        DeviceStatus status = poller.status();
        if (!status.isAvailable()) {
            // The reason first: a CoAP diagnostic is short, and the device's address is in health and the log.
            throw new DeviceUnavailableException(name + " unavailable: " + status.reason() + " (since "
                    + status.time() + ")");
        }
        return toState(status, pending);
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

    /**
     * Called by the poller with each new status, and when the meter's reading moves: listeners hear of states that
     * moved, never of stale ones, in the order they were taken.
     */
    synchronized void polled(DeviceStatus status) {
        polled(status, poller.pending(LEVEL)); // on the poller's thread, which stops calling a level pending later
    }

    /** The last status again, when the meter's reading moved: the pending level read first, as {@link #state()}. */
    private synchronized void repolled() {
        Double pending = poller.pending(LEVEL);
        polled(poller.status(), pending);
    }

    private void polled(DeviceStatus status, Double pending) {
        LuminaireState state;
        try {
            if (!status.isAvailable()) {
                lastTold = null;
                return;
            }
            state = toState(status, pending);
        } catch (DeviceUnavailableException e) {
            lastTold = null; // its meter cannot be read: nothing to tell until it can
            return;
        }
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

    /** @param pending the level asked for and not yet read back, read before the status */
    private LuminaireState toState(DeviceStatus status, Double pending) {
        Map<String, Double> v = status.values();
        double target = pending != null ? pending : v.get(LEVEL);
        double actual = v.getOrDefault(LEVEL_ACTUAL, v.get(LEVEL));
        double power;
        double energy;
        if (ownMetering) {
            power = v.get(POWER);
            energy = v.get(ENERGY);
        } else {
            MeterReading reading = meterReading();
            power = reading.powerWatts();
            energy = reading.energyWattHours();
        }
        return new LuminaireState(time.now(), actual, target, power, energy, v.get(LAMP_FAILURE) != 0,
                v.get(GEAR_FAILURE) != 0, v.getOrDefault(BURNING_HOURS, 0.0));
    }

    /** @return the reading of the meter that measures this luminaire, or why there is none */
    private MeterReading meterReading() {
        Metered m = meter;
        if (m == null) {
            throw new DeviceUnavailableException(name + " has no power and energy: its profile " + profile.id()
                    + " maps none, and no energy meter measures it (a meter's configuration names it: meters = "
                    + "this device's name)");
        }
        try {
            return m.meter().reading();
        } catch (DeviceUnavailableException e) {
            throw new DeviceUnavailableException(name + " has no power and energy: its energy meter "
                    + e.getMessage());
        } catch (RuntimeException e) {
            throw new DeviceUnavailableException(name + " has no power and energy: its energy meter " + m.name()
                    + " failed: " + e);
        }
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
