package org.lampyris.coap.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Whether to log a repeated event now: once a minute per subject (a certificate subject, a full store), so that a
 * flood of refused handshakes says why without flooding the log. It remembers a bounded number of subjects, so that
 * a flood of different ones cannot grow it without end.
 */
final class OncePerMinute {
    private static final long QUIET_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final int MAX_SUBJECTS = 1024;

    private final Map<String, Long> lastLogged = new ConcurrentHashMap<>();

    /** @return true the first time for a subject, and again once a minute has passed since it last was */
    boolean now(String subject) {
        long now = System.nanoTime();
        if (lastLogged.size() >= MAX_SUBJECTS) {
            lastLogged.values().removeIf(last -> now - last > QUIET_NANOS);
            if (lastLogged.size() >= MAX_SUBJECTS) {
                lastLogged.clear();
            }
        }
        Long last = lastLogged.get(subject);
        if (last != null && now - last <= QUIET_NANOS) {
            return false;
        }
        lastLogged.put(subject, now);
        return true;
    }
}
