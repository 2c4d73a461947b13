package org.lampyris.ngsild;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import org.lampyris.internal.durable.DurableFile;
import org.lampyris.internal.json.Json;
import org.lampyris.internal.json.JsonException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entity updates on their way to the broker, kept in a folder of the bundle's data area so that none is lost
 * while the broker is out of reach, nor when the post restarts in between: one file per update, written durably
 * before it counts as queued, deleted once the broker answered it. The updates of an entity leave in the order they
 * came.
 * <p>
 * Bounded: when full, the oldest update goes first, and is counted as dropped; updates on their way to the broker stay
 * until it answered (the outbox may hold one batch more than its limit meanwhile). The counts (delivered, refused,
 * dropped, and the next update's number) are kept beside the updates, so that every update ever queued is accounted
 * for: the numbers below the next are delivered, refused, dropped or still queued. Not thread-safe: the publisher uses it on its one thread; the counts may be
 * read from any.
 */
final class Outbox {
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    private static final String COUNTS = "counts.json";
    private static final String PREFIX = "update-";

    /**
     * An update waiting for the broker.
     *
     * @param number its place in the order, never reused
     * @param entity the entity, without {@code @context}
     */
    record Entry(long number, Map<String, Object> entity) {
        String id() {
            return (String) entity.get("id");
        }
    }

    private final Path folder;
    private final int limit;
    private final Deque<Entry> queue = new ArrayDeque<>();
    /** The updates on their way to the broker: never dropped, so that what the broker took counts as delivered. */
    private final Set<Long> sending = new HashSet<>();
    private long next = 1;
    private volatile int size;
    private volatile long delivered;
    private volatile long refused;
    private volatile long dropped;

    /**
     * @param folder where the updates are kept; null to keep them in memory only
     * @param limit how many it holds at most
     */
    Outbox(Path folder, int limit) {
        this.folder = folder;
        this.limit = limit;
        load();
    }

    /** Queues an update, durably, after all the others; drops the oldest while more than the limit wait. */
    void add(Map<String, Object> entity) {
        Entry e = new Entry(next++, entity);
        if (folder != null) {
            try {
                DurableFile.write(file(e.number()), Json.write(entity).getBytes(StandardCharsets.UTF_8));
            } catch (IOException x) {
                LOG.warn("NGSI-LD: an update of {} could not be written to the outbox {}; kept in memory: {}", e.id(),
                        folder, x.toString());
            }
        }
        queue.addLast(e);
        int over = queue.size() - limit;
        List<Entry> gone = new ArrayList<>();
        for (java.util.Iterator<Entry> i = queue.iterator(); i.hasNext() && gone.size() < over;) {
            Entry old = i.next();
            if (!sending.contains(old.number())) {
                i.remove();
                gone.add(old);
            }
        }
        if (!gone.isEmpty()) {
            dropped += gone.size();
            remove(gone);
        }
        size = queue.size();
    }

    /**
     * @param max how many at most
     * @param group what the updates of one batch share (their {@code @context}); the first update's group is taken
     * @return the oldest updates of the first update's group, in order, up to the first that updates an entity
     *         already among them: a batch upsert carries each entity once, so that the broker applies the updates of
     *         an entity in their order. Updates of other groups are passed over: they concern other entities.
     */
    List<Entry> head(int max, Function<Entry, String> group) {
        List<Entry> batch = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        String first = null;
        int looked = 0;
        for (Entry e : queue) {
            if (batch.size() >= max || looked++ >= 4 * max) {
                break;
            }
            String g = group.apply(e);
            if (first == null) {
                first = g;
            } else if (!first.equals(g)) {
                continue;
            }
            if (!ids.add(e.id())) {
                break;
            }
            batch.add(e);
        }
        return batch;
    }

    /** These updates are on their way to the broker: they stay until it answered, even when the outbox is full. */
    void sending(List<Entry> entries) {
        entries.forEach(e -> sending.add(e.number()));
    }

    /** The broker did not answer these updates: they may be dropped again when the outbox is full. */
    void unanswered(List<Entry> entries) {
        entries.forEach(e -> sending.remove(e.number()));
    }

    /** The broker took these updates: they leave the outbox. */
    void delivered(List<Entry> entries) {
        delivered += leave(entries);
        saveCounts();
    }

    /** The broker refused these updates for what they are: they leave the outbox, counted, never sent again. */
    void refused(List<Entry> entries) {
        refused += leave(entries);
        saveCounts();
    }

    int size() {
        return size;
    }

    long delivered() {
        return delivered;
    }

    long refused() {
        return refused;
    }

    long dropped() {
        return dropped;
    }

    /** @return how many of them were still queued (not dropped meanwhile because the outbox was full) */
    private int leave(List<Entry> entries) {
        Set<Long> numbers = new HashSet<>();
        entries.forEach(e -> numbers.add(e.number()));
        sending.removeAll(numbers);
        int before = queue.size();
        queue.removeIf(e -> numbers.contains(e.number()));
        size = queue.size();
        remove(entries);
        return before - queue.size();
    }

    private void remove(List<Entry> entries) {
        if (folder == null) {
            return;
        }
        try {
            for (Entry e : entries) {
                Files.deleteIfExists(file(e.number()));
            }
            DurableFile.forceFolder(folder);
        } catch (IOException x) {
            LOG.warn("NGSI-LD: delivered updates could not be removed from the outbox {}: {}", folder, x.toString());
        }
        if (!entries.isEmpty()) {
            saveCounts();
        }
    }

    private Path file(long number) {
        return folder.resolve(String.format("%s%019d.json", PREFIX, number));
    }

    private void saveCounts() {
        if (folder == null) {
            return;
        }
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("delivered", delivered);
        counts.put("refused", refused);
        counts.put("dropped", dropped);
        counts.put("next", next);
        try {
            DurableFile.write(folder.resolve(COUNTS), Json.write(counts).getBytes(StandardCharsets.UTF_8));
        } catch (IOException x) {
            LOG.warn("NGSI-LD: the outbox's counts could not be written to {}: {}", folder, x.toString());
        }
    }

    @SuppressWarnings("unchecked")
    private void load() {
        if (folder == null) {
            return;
        }
        try {
            DurableFile.createFolders(folder);
            Map<String, Object> counts = (Map<String, Object>) Json.parse(Files.readAllBytes(folder.resolve(COUNTS)));
            delivered = (Long) counts.get("delivered");
            refused = (Long) counts.get("refused");
            dropped = (Long) counts.get("dropped");
            if (counts.get("next") instanceof Long n) {
                next = n;
            }
        } catch (NoSuchFileException e) {
            // a new outbox
        } catch (IOException | JsonException | RuntimeException e) {
            LOG.warn("NGSI-LD: the outbox's counts in {} cannot be read ({}); counting from 0", folder, e.toString());
        }
        TreeMap<Long, Path> files = new TreeMap<>();
        try (DirectoryStream<Path> list = Files.newDirectoryStream(folder, PREFIX + "*.json")) {
            for (Path p : list) {
                String name = p.getFileName().toString();
                files.put(Long.parseLong(name.substring(PREFIX.length(), name.length() - 5)), p);
            }
        } catch (IOException | NumberFormatException e) {
            LOG.error("NGSI-LD: the outbox {} cannot be listed: {}", folder, e.toString());
        }
        for (Map.Entry<Long, Path> f : files.entrySet()) {
            try {
                Object entity = Json.parse(Files.readAllBytes(f.getValue()));
                queue.addLast(new Entry(f.getKey(), (Map<String, Object>) entity));
            } catch (IOException | JsonException | ClassCastException e) {
                // DurableFile never leaves a torn file: this one was written by something else. Keep it for a person.
                LOG.error("NGSI-LD: the queued update {} cannot be read ({}); set aside as .unreadable", f.getValue(),
                        e.toString());
                try {
                    Files.move(f.getValue(), f.getValue().resolveSibling(f.getValue().getFileName() + ".unreadable"),
                            StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException moved) {
                    LOG.warn("NGSI-LD: cannot set the unreadable update aside: {}", moved.toString());
                }
            }
            next = Math.max(next, f.getKey() + 1);
        }
        size = queue.size();
    }
}
