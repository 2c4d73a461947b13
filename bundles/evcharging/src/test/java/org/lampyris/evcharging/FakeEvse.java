package org.lampyris.evcharging;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.lampyris.hal.Subscription;
import org.lampyris.hal.ev.EvSupplyEquipment;
import org.lampyris.hal.ev.EvseInfo;
import org.lampyris.hal.ev.EvseState;
import org.lampyris.hal.ev.EvseStatus;
import org.lampyris.testkit.ManualTime;

/**
 * A charge point as IEC 61851 describes it, driven by the test: a vehicle plugged in is in state B and charges (C)
 * at the offered current once that is at least the minimum; the meter counts what it delivers. Every change is
 * reported to the listeners at once, on the calling thread, unless the test mutes the events; then the fake waits for
 * what the listeners do on their own threads to be {@link #settle settled}, so that the test sees the outcome.
 */
class FakeEvse implements EvSupplyEquipment {
    final ManualTime time;
    final EvseInfo info;
    final List<String> commands = new CopyOnWriteArrayList<>();
    final List<Consumer<EvseStatus>> listeners = new CopyOnWriteArrayList<>();
    boolean vehicle;
    EvseState error;
    double offered;
    boolean locked;
    double meter;
    boolean muted;
    /** Waits for whatever the reports set going; a charger under test puts its own here. */
    Runnable settle = () -> { };

    FakeEvse(ManualTime time) {
        this(time, new EvseInfo(6, 32, 1, 230));
    }

    FakeEvse(ManualTime time, EvseInfo info) {
        this.time = time;
        this.info = info;
    }

    void plugIn() {
        vehicle = true;
        report();
    }

    void unplug() {
        vehicle = false;
        locked = false;
        report();
    }

    /** Lets post time pass with the vehicle drawing what it is offered. */
    void charge(Duration span) {
        meter += status().powerWatts() * span.toNanos() / 3.6e12;
        time.advance(span);
        report();
    }

    void fail(EvseState state) {
        error = state;
        report();
    }

    void recover() {
        error = null;
        report();
    }

    @Override
    public EvseInfo info() {
        return info;
    }

    @Override
    public EvseStatus status() {
        EvseState state = error != null ? error
                : !vehicle ? EvseState.A : offered >= info.minCurrentAmps() ? EvseState.C : EvseState.B;
        double current = state == EvseState.C ? offered : 0;
        return new EvseStatus(time.now(), state, offered, current, current * info.voltage() * info.phases(), meter,
                locked);
    }

    @Override
    public void setMaxCurrent(double amps) {
        if (!(amps == 0 || (amps >= info.minCurrentAmps() && amps <= info.maxCurrentAmps()))) {
            throw new IllegalArgumentException("current must be 0 or within the equipment's range, got " + amps);
        }
        commands.add(amps + " A");
        offered = amps;
        report();
    }

    @Override
    public void setConnectorLocked(boolean lock) {
        commands.add(lock ? "lock" : "unlock");
        locked = lock;
        report();
    }

    @Override
    public Subscription onChange(Consumer<EvseStatus> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void report() {
        if (!muted) {
            EvseStatus s = status();
            listeners.forEach(l -> l.accept(s));
        }
        settle.run();
    }
}
