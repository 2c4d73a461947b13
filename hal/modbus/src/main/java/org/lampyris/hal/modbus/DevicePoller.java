package org.lampyris.hal.modbus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

import org.lampyris.hal.modbus.profile.DeviceProfile;
import org.lampyris.hal.modbus.profile.ProfileValue;
import org.lampyris.hal.modbus.profile.RegisterCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one device on a thread of its own, so that a slow or dead device holds nobody but itself: callers only leave
 * a wish ({@link #request}) and read the last status ({@link #status}), neither of which touches the bus.
 * <p>
 * Each round writes the values asked for since the last one, in the order they were asked for, reads each back, then reads
 * every value of the profile. A round that fails makes the device unavailable with the reason and waits a backoff
 * that doubles from the poll period up to a limit; the next round that succeeds makes it available again and writes
 * everything asked for once more, so that a gateway that lost its registers gets the post's level back.
 */
final class DevicePoller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DevicePoller.class);

    /** The timings of a device, in real milliseconds. */
    record Timing(long pollMillis, long backoffMaxMillis) {
    }

    private final String name;
    private final Bus bus;
    private final DeviceProfile profile;
    private final Timing timing;
    private final Consumer<DeviceStatus> listener;
    private final Thread thread;

    // Guarded by this.
    private final Map<String, Double> wanted = new LinkedHashMap<>();
    private final Set<String> unwritten = new HashSet<>();
    private boolean running = true;
    private boolean woken;

    private volatile DeviceStatus status;

    /**
     * @param listener told every new status, on the poller's thread
     */
    DevicePoller(String name, Bus bus, DeviceProfile profile, Timing timing, Consumer<DeviceStatus> listener) {
        this.name = name;
        this.bus = bus;
        this.profile = profile;
        this.timing = timing;
        this.listener = listener;
        this.status = DeviceStatus.unavailable("not read yet", Instant.now());
        this.thread = new Thread(this::run, "lampyris-modbus-" + name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** @return the last status; never blocks */
    DeviceStatus status() {
        return status;
    }

    /** @return the value asked for a meaning that is not written yet, if any */
    synchronized Double pending(String meaning) {
        return unwritten.contains(meaning) ? wanted.get(meaning) : null;
    }

    /** @return the last value asked for a meaning, written or not */
    synchronized Double wanted(String meaning) {
        return wanted.get(meaning);
    }

    /**
     * Asks for a value to be written at the next round, which starts at once; a later wish for the same meaning
     * replaces it.
     *
     * @param value already within the profile's limits
     */
    synchronized void request(String meaning, double value) {
        wanted.remove(meaning); // writes go out in the order they were last asked for
        wanted.put(meaning, value);
        unwritten.add(meaning);
        woken = true;
        notifyAll();
    }

    @Override
    public void close() {
        synchronized (this) {
            running = false;
            notifyAll();
        }
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        bus.close();
    }

    private void run() {
        long backoff = timing.pollMillis();
        while (isRunning()) {
            try {
                bus.connect();
                Map<String, Double> written = writeWanted();
                Map<String, Double> values = readAll();
                boolean wasAvailable = status.isAvailable();
                publish(DeviceStatus.available(values, Instant.now()));
                // Pending until the status shows them: between the write and this read, readers see the last status,
                // and would take the old value for the target (the HAL contract: the new target at once, and kept).
                synchronized (this) {
                    written.forEach((meaning, v) -> {
                        if (v.equals(wanted.get(meaning))) {
                            unwritten.remove(meaning);
                        }
                    });
                }
                if (!wasAvailable) {
                    LOG.info("Modbus device {} ({}) answers", name, bus.address());
                }
                backoff = timing.pollMillis();
                pause(timing.pollMillis(), true);
            } catch (BusException e) {
                if (!e.answered()) {
                    bus.close();
                }
                DeviceStatus previous = status;
                if (previous.isAvailable() || !Objects.equals(previous.reason(), e.getMessage())) {
                    LOG.warn("Modbus device {} ({}) is unavailable: {}", name, bus.address(), e.getMessage());
                }
                if (previous.isAvailable()) {
                    // Whatever the device holds when it returns, it gets the post's values again.
                    synchronized (this) {
                        unwritten.addAll(wanted.keySet());
                    }
                }
                publish(DeviceStatus.unavailable(e.getMessage(),
                        previous.isAvailable() ? Instant.now() : previous.time()));
                pause(backoff, false);
                backoff = Math.min(timing.backoffMaxMillis(), backoff * 2);
            } catch (RuntimeException e) {
                LOG.error("Modbus device {}: the poller failed", name, e);
                publish(DeviceStatus.unavailable("driver error: " + e, Instant.now()));
                pause(timing.backoffMaxMillis(), false);
            }
        }
    }

    private void publish(DeviceStatus next) {
        status = next;
        try {
            listener.accept(next);
        } catch (RuntimeException e) {
            LOG.warn("Modbus device {}: a status listener failed: {}", name, e.toString());
        }
    }

    /** @return what was written, by meaning: still pending until a status that read it is published */
    private Map<String, Double> writeWanted() throws BusException {
        Map<String, Double> written = new HashMap<>();
        List<Map.Entry<String, Double>> due = new ArrayList<>();
        synchronized (this) {
            for (Map.Entry<String, Double> e : wanted.entrySet()) {
                if (unwritten.contains(e.getKey())) {
                    due.add(Map.entry(e.getKey(), e.getValue()));
                }
            }
        }
        for (Map.Entry<String, Double> entry : due) {
            ProfileValue value = profile.value(entry.getKey()).orElse(null);
            Double v = entry.getValue();
            if (value == null || !value.writable()) {
                continue;
            }
            double clamped = value.clamp(v); // the caller clamps too: nothing outside the limits reaches the bus
            int[] words = RegisterCodec.encode(value, clamped);
            try {
                if (value.function().registers()) {
                    bus.writeRegisters(value.address(), words);
                    int[] back = bus.readRegisters(value.function(), value.address(), words.length);
                    if (!java.util.Arrays.equals(words, back)) {
                        LOG.warn("Modbus device {}: wrote {} {} to {}, read back {}", name, value.meaning(), clamped,
                                value.where(), RegisterCodec.decode(value, back));
                    }
                } else {
                    bus.writeCoil(value.address(), clamped != 0);
                    if (bus.readBit(value.function(), value.address()) != (clamped != 0)) {
                        LOG.warn("Modbus device {}: wrote {} to {}, read back the opposite", name, value.meaning(),
                                value.where());
                    }
                }
            } catch (BusException e) {
                throw new BusException(e.getMessage() + " writing " + value.meaning() + " (" + value.where() + ")",
                        e.answered(), e);
            }
            written.put(value.meaning(), v);
        }
        return written;
    }

    private Map<String, Double> readAll() throws BusException {
        Map<String, Double> values = new HashMap<>();
        Map<String, int[]> read = new HashMap<>(); // one transaction for the flags that share a register
        for (ProfileValue value : profile.values()) {
            try {
                if (value.function().registers()) {
                    String key = value.function() + ":" + value.address() + ":" + value.type().words();
                    int[] words = read.get(key);
                    if (words == null) {
                        words = bus.readRegisters(value.function(), value.address(), value.type().words());
                        read.put(key, words);
                    }
                    values.put(value.meaning(), RegisterCodec.decode(value, words));
                } else {
                    values.put(value.meaning(), bus.readBit(value.function(), value.address()) ? 1.0 : 0.0);
                }
            } catch (BusException e) {
                throw new BusException(e.getMessage() + " reading " + value.meaning() + " (" + value.where() + ")",
                        e.answered(), e);
            }
        }
        return values;
    }

    private synchronized boolean isRunning() {
        return running;
    }

    /** Waits a while; a new wish ends the wait early when the device answers, so that a write goes out at once. */
    private synchronized void pause(long millis, boolean wakeOnRequest) {
        long end = System.nanoTime() + millis * 1_000_000;
        if (!wakeOnRequest) {
            woken = false;
        }
        while (running && !(wakeOnRequest && woken)) {
            long left = (end - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                break;
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                return;
            }
        }
        woken = false;
    }
}
