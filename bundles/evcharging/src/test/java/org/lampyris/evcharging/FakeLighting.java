package org.lampyris.evcharging;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.lampyris.api.Subscription;
import org.lampyris.api.lighting.LightingControl;
import org.lampyris.api.lighting.LightingStatus;

/** Another vendor's lighting capability, as far as the charger can tell: it reports a power the test sets. */
class FakeLighting implements LightingControl {
    final List<Consumer<LightingStatus>> listeners = new CopyOnWriteArrayList<>();
    private volatile double watts;

    FakeLighting(double watts) {
        this.watts = watts;
    }

    void draw(double newWatts) {
        watts = newWatts;
        LightingStatus s = status();
        listeners.forEach(l -> l.accept(s));
    }

    @Override
    public LightingStatus status() {
        return new LightingStatus(Instant.EPOCH, 100, watts, 0, false, false);
    }

    @Override
    public Subscription onChange(Consumer<LightingStatus> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
