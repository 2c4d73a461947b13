package org.lampyris.ngsild;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Decides when an entity's state goes to the broker, so that an idle post sends little: its first state; a state
 * that changed beyond the deadband, once the minimum interval since the entity was last sent is over; and the state
 * again after the refresh interval, changed or not. Times are post times. Not thread-safe: the publisher uses it on
 * its one thread.
 */
final class ChangeFilter {
    /**
     * Attributes that change with every observation and so say nothing of a change of state: the observation's time,
     * and a meter that only counts up (the energy a lit lamp uses grows by every reading, and would wake the deadband
     * every few minutes while it is small). They go with every update and refresh, never cause one.
     */
    private static final Set<String> NOT_A_CHANGE = Set.of("dateObserved", "energyConsumed");

    private record Sent(Map<String, Object> entity, Instant at) {
    }

    private final double deadband;
    private final Duration minInterval;
    private final Duration refresh;
    private final Map<String, Sent> sent = new HashMap<>();

    ChangeFilter(double deadband, Duration minInterval, Duration refresh) {
        this.deadband = deadband;
        this.minInterval = minInterval;
        this.refresh = refresh;
    }

    /**
     * @param entity an entity's state now
     * @return whether it goes to the broker now; if so it counts as sent
     */
    boolean offer(Map<String, Object> entity, Instant now) {
        String id = (String) entity.get("id");
        Sent last = sent.get(id);
        boolean send = last == null
                || !now.isBefore(last.at().plus(refresh))
                || !now.isBefore(last.at().plus(minInterval)) && changed(last.entity(), entity);
        if (send) {
            sent.put(id, new Sent(entity, now));
        }
        return send;
    }

    /** @return whether an attribute was added, removed, or changed beyond the deadband; observedAt and counters aside */
    boolean changed(Map<String, Object> before, Map<String, Object> after) {
        Set<String> names = new HashSet<>(before.keySet());
        names.addAll(after.keySet());
        for (String name : names) {
            if (NOT_A_CHANGE.contains(name)) {
                continue;
            }
            Object a = value(before.get(name));
            Object b = value(after.get(name));
            if (a instanceof Number x && b instanceof Number y) {
                if (beyondDeadband(x.doubleValue(), y.doubleValue())) {
                    return true;
                }
            } else if (!Objects.equals(a, b)) {
                return true;
            }
        }
        return false;
    }

    private boolean beyondDeadband(double a, double b) {
        if (a == b) {
            return false;
        }
        if (a == 0 || b == 0) {
            return true;
        }
        return Math.abs(a - b) > deadband * Math.max(Math.abs(a), Math.abs(b));
    }

    private static Object value(Object attribute) {
        return attribute instanceof Map<?, ?> m && m.containsKey("value") ? m.get("value") : attribute;
    }
}
