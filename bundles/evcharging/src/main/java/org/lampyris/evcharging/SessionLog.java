package org.lampyris.evcharging;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recent sessions of the charge point, newest first and as many as configured, and the session that was running
 * when the controller last stopped, as kept in the {@link SessionFile}. Without a file (a framework without a data
 * area) the sessions are kept in memory only. Not thread-safe: the {@link Charger} calls it on its decision thread.
 */
final class SessionLog {
    private static final Logger LOG = LoggerFactory.getLogger(SessionLog.class);

    private final SessionFile file;
    private final Deque<ChargingSession> recent = new ArrayDeque<>();
    private int kept;
    private long lastId;
    private ChargingSession unfinished;

    /**
     * @param file where the sessions are kept, or null to keep them in memory only
     * @param kept how many ended sessions to keep
     * @param now the post time, which names a corrupt file set aside
     */
    SessionLog(SessionFile file, int kept, Instant now) {
        this.file = file;
        this.kept = Math.max(1, kept);
        List<ChargingSession> stored = file == null ? List.of() : file.load(now);
        for (ChargingSession s : stored) {
            lastId = Math.max(lastId, s.id());
            if (s.running()) {
                unfinished = s;
            } else if (recent.size() < this.kept) {
                recent.addLast(s);
            }
        }
    }

    /** @return the session that was running when the controller stopped, once; null if none */
    ChargingSession takeUnfinished() {
        ChargingSession s = unfinished;
        unfinished = null;
        return s;
    }

    /** @return the id of a new session: one more than any id kept so far */
    long nextId() {
        return ++lastId;
    }

    /** @return the ended sessions, newest first */
    List<ChargingSession> recent() {
        return List.copyOf(recent);
    }

    /** Records an ended session, forgetting the oldest beyond the number kept. */
    void add(ChargingSession ended) {
        recent.addFirst(ended);
        trim();
    }

    /** @param count how many ended sessions to keep from now on */
    void keep(int count) {
        kept = Math.max(1, count);
        trim();
    }

    private void trim() {
        while (recent.size() > kept) {
            recent.removeLast();
        }
    }

    /**
     * Writes the sessions to the file. A failure is logged and the sessions stay in memory; the next save tries
     * again.
     *
     * @param running the running session, or null
     */
    void save(ChargingSession running) {
        if (file == null) {
            return;
        }
        List<ChargingSession> all = new ArrayList<>(recent.size() + 1);
        if (running != null) {
            all.add(running);
        }
        all.addAll(recent);
        try {
            file.save(all);
        } catch (IOException | RuntimeException e) {
            LOG.error("Cannot save the EV sessions to {}: {}", file.path(), e.toString());
        }
    }
}
