package org.lampyris.ocpp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.lampyris.internal.durable.DurableFile;
import org.lampyris.internal.json.Json;
import org.lampyris.internal.json.JsonException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transaction messages (StartTransaction, MeterValues, StopTransaction) on their way to the CSMS, kept in the
 * bundle's data area so that none is lost while the CSMS is out of reach, nor when the post restarts in between.
 * They are delivered in order, one at a time, and each leaves the outbox, durably, once the CSMS has answered it.
 * <p>
 * Beside the queue the file keeps what makes a session counted exactly once: the highest session id ever queued
 * (a session is started once), the sessions started and not yet stopped, and the transaction ids the CSMS gave,
 * which the StopTransaction and MeterValues of a session carry when they are sent.
 * <p>
 * Bounded: when full, the oldest periodic MeterValues go first, then the oldest message; what was dropped is counted.
 * Not thread-safe: the {@link ChargePointLink} uses it on its one thread.
 */
final class Outbox {
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    static final String START = "StartTransaction";
    static final String STOP = "StopTransaction";
    static final String METER_VALUES = "MeterValues";

    /**
     * A queued message.
     *
     * @param number its place in the order, never reused
     * @param action the OCPP action
     * @param session the charging session it belongs to
     * @param payload the payload, without the transaction id, which is added when it is sent
     * @param attempts how often the CSMS answered it with an error
     */
    record Entry(long number, String action, long session, Map<String, Object> payload, int attempts) {
    }

    private final Path file;
    private final int limit;
    private final Deque<Entry> queue = new ArrayDeque<>();
    private final Map<Long, Long> transactionIds = new TreeMap<>();
    private final Map<Long, Double> open = new TreeMap<>();
    private long next = 1;
    private long highestSession;
    private long dropped;

    /**
     * @param file where the outbox is kept; null to keep it in memory only
     * @param limit how many messages it holds at most
     */
    Outbox(Path file, int limit) {
        this.file = file;
        this.limit = limit;
        load();
    }

    /** Queues a message of a session, after all the others. */
    void add(String action, long session, Map<String, Object> payload) {
        queue.addLast(new Entry(next++, action, session, payload, 0));
        while (queue.size() > limit) {
            dropOne();
        }
        save();
    }

    /** @return the oldest message, to be sent next; null if none waits */
    Entry head() {
        return queue.peekFirst();
    }

    /**
     * The CSMS answered the oldest message: it leaves the outbox. The transaction id of a StartTransaction's answer
     * is kept for the session's later messages; a StopTransaction's answer ends the session's mapping.
     */
    void delivered(Entry entry, Map<String, Object> answer) {
        if (queue.peekFirst() == null || queue.peekFirst().number() != entry.number()) {
            return;
        }
        queue.removeFirst();
        if (entry.action().equals(START) && answer.get("transactionId") instanceof Long id) {
            transactionIds.put(entry.session(), id);
        } else if (entry.action().equals(STOP)) {
            transactionIds.remove(entry.session());
        }
        save();
    }

    /**
     * The CSMS answered the oldest message with an error; after {@code attempts} errors it is dropped, and counted.
     *
     * @return whether it was dropped
     */
    boolean refused(Entry entry, int attempts) {
        if (queue.peekFirst() == null || queue.peekFirst().number() != entry.number()) {
            return false;
        }
        queue.removeFirst();
        boolean drop = entry.attempts() + 1 >= attempts;
        if (drop) {
            dropped++;
            LOG.warn("OCPP: {} of session {} dropped after {} errors from the CSMS", entry.action(), entry.session(),
                    attempts);
        } else {
            queue.addFirst(new Entry(entry.number(), entry.action(), entry.session(), entry.payload(),
                    entry.attempts() + 1));
        }
        save();
        return drop;
    }

    /** Drops the oldest message, which cannot be sent (its session has no transaction id), and counts it. */
    void dropHead() {
        if (queue.pollFirst() != null) {
            dropped++;
            save();
        }
    }

    /** @return the CSMS's transaction id of a session, or null while its StartTransaction is unanswered */
    Long transactionId(long session) {
        return transactionIds.get(session);
    }

    /** @return the highest session id a StartTransaction was ever queued for; 0 for none */
    long highestSession() {
        return highestSession;
    }

    /** A session's StartTransaction is queued: it is open until its StopTransaction is. */
    void opened(long session, double meterWattHours, Map<String, Object> start) {
        highestSession = Math.max(highestSession, session);
        open.put(session, meterWattHours);
        add(START, session, start);
    }

    /** A session's StopTransaction is queued. */
    void closed(long session, Map<String, Object> stop) {
        open.remove(session);
        add(STOP, session, stop);
    }

    /** @return the sessions started and not stopped, each with the last meter reading known, in Wh */
    Map<Long, Double> open() {
        return Map.copyOf(open);
    }

    /** Remembers the last meter reading of an open session, in memory: a StopTransaction falls back on it. */
    void observed(long session, double meterWattHours) {
        open.computeIfPresent(session, (s, old) -> meterWattHours);
    }

    /** @return how many messages wait */
    int size() {
        return queue.size();
    }

    /** @return how many messages were dropped since the outbox was made: full, or refused again and again */
    long dropped() {
        return dropped;
    }

    private void dropOne() {
        for (Iterator<Entry> i = queue.iterator(); i.hasNext();) {
            Entry e = i.next();
            if (e.action().equals(METER_VALUES)) {
                i.remove();
                dropped++;
                return;
            }
        }
        queue.removeFirst();
        dropped++;
    }

    private void save() {
        if (file == null) {
            return;
        }
        List<Object> entries = new ArrayList<>();
        for (Entry e : queue) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("number", e.number());
            m.put("action", e.action());
            m.put("session", e.session());
            m.put("attempts", e.attempts());
            m.put("payload", e.payload());
            entries.add(m);
        }
        Map<String, Object> ids = new LinkedHashMap<>();
        transactionIds.forEach((s, t) -> ids.put(Long.toString(s), t));
        Map<String, Object> openMeters = new LinkedHashMap<>();
        open.forEach((s, m) -> openMeters.put(Long.toString(s), m));
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("next", next);
        state.put("highestSession", highestSession);
        state.put("dropped", dropped);
        state.put("open", openMeters);
        state.put("transactionIds", ids);
        state.put("queue", entries);
        try {
            DurableFile.write(file, Json.write(state).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.warn("OCPP: the outbox could not be written to {}; it is kept in memory: {}", file, e.toString());
        }
    }

    @SuppressWarnings("unchecked")
    private void load() {
        if (file == null) {
            return;
        }
        try {
            Map<String, Object> state = (Map<String, Object>) Json.parse(Files.readAllBytes(file));
            long n = (Long) state.get("next");
            long highest = (Long) state.get("highestSession");
            long lost = (Long) state.get("dropped");
            Map<Long, Double> meters = new TreeMap<>();
            ((Map<String, Object>) state.get("open")).forEach((s, m) -> meters.put(Long.valueOf(s),
                    ((Number) m).doubleValue()));
            Map<Long, Long> ids = new TreeMap<>();
            ((Map<String, Object>) state.get("transactionIds")).forEach((s, t) -> ids.put(Long.valueOf(s),
                    (Long) t));
            List<Entry> entries = new ArrayList<>();
            for (Object o : (List<Object>) state.get("queue")) {
                Map<String, Object> m = (Map<String, Object>) o;
                entries.add(new Entry((Long) m.get("number"), (String) m.get("action"), (Long) m.get("session"),
                        (Map<String, Object>) m.get("payload"), ((Long) m.get("attempts")).intValue()));
            }
            next = n;
            highestSession = highest;
            dropped = lost;
            open.putAll(meters);
            transactionIds.putAll(ids);
            queue.addAll(entries);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException | JsonException | RuntimeException e) {
            // DurableFile never leaves a torn file: this one was written by something else. Keep it for a person.
            LOG.error("OCPP: the outbox {} cannot be read ({}); starting with an empty one, the file is kept as "
                    + "{}.unreadable", file, e.toString(), file.getFileName());
            try {
                Files.move(file, file.resolveSibling(file.getFileName() + ".unreadable"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moved) {
                LOG.warn("OCPP: cannot set the unreadable outbox aside: {}", moved.toString());
            }
        }
    }
}
