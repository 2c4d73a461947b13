package org.lampyris.coap.history;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The history of every numeric point of the post, by path: a {@link MinuteRing} each, for at most a configured number
 * of points, so that the memory it takes is fixed ({@code points × minutes × 4} bytes at most). The history of a point
 * whose plugin goes is kept, and continues when a plugin publishes the path again.
 * <p>
 * It saves itself as bytes ({@link #encode}) that {@link #decode} reads back; the file and when it is written are the
 * business of its owner. Thread-safe.
 */
public final class PointHistory {
    /** "LMPH", then the format's version. */
    private static final int MAGIC = 0x4c4d5048;
    /** 2: everything after the magic number and the version is deflated (a minute repeats its neighbour's value
     * more often than not, so a day of a point is a few hundred bytes instead of 11.5 KB: fewer bytes on flash). */
    private static final int VERSION = 2;
    /** More minutes than any history keeps (a year): a count above it is a damaged file. */
    private static final int MOST_MINUTES = 366 * 24 * 60;

    /** A point's unit and its ring. */
    public record Series(String unit, MinuteRing ring) {
    }

    private final int minutes;
    private final int maxPoints;
    private final Map<String, Series> series = new ConcurrentHashMap<>();

    /**
     * @param minutes the minutes kept of each point
     * @param maxPoints the most points kept; further points get no history
     */
    public PointHistory(int minutes, int maxPoints) {
        if (minutes < 1 || maxPoints < 0) {
            throw new IllegalArgumentException("history of " + minutes + " minutes for " + maxPoints + " points");
        }
        this.minutes = minutes;
        this.maxPoints = maxPoints;
    }

    /**
     * @param path the point's path
     * @param unit its SenML unit, empty when unitless
     * @return the point's history, made for it if need be; null if the most points are kept already
     */
    public Series follow(String path, String unit) {
        Series existing = series.get(path);
        if (existing != null && existing.unit().equals(unit)) {
            return existing;
        }
        synchronized (series) {
            existing = series.get(path);
            if (existing == null && series.size() >= maxPoints) {
                return null;
            }
            // A plugin that publishes the path with another unit starts it afresh: values of two units do not mix.
            Series made = existing != null && existing.unit().equals(unit) ? existing
                    : new Series(unit, new MinuteRing(minutes));
            series.put(path, made);
            return made;
        }
    }

    /** @return the history of the point at a path, null if it has none */
    public Series get(String path) {
        return series.get(path);
    }

    /** @return the paths that have a history, sorted */
    public SortedSet<String> paths() {
        return new TreeSet<>(series.keySet());
    }

    /** @return the minutes kept of each point */
    public int minutes() {
        return minutes;
    }

    /** @return the most points kept */
    public int maxPoints() {
        return maxPoints;
    }

    /**
     * Drops the history of points whose newest minute lies after now: the post's clock was set back (as a simulated
     * clock started again at the same moment is), and those minutes stand for times that have not come yet.
     *
     * @param nowMillis post time now
     * @return the paths dropped
     */
    public List<String> dropNewerThan(long nowMillis) {
        long nowMinute = Math.floorDiv(nowMillis, 60_000L);
        List<String> dropped = new ArrayList<>();
        series.forEach((path, s) -> {
            long newest = s.ring().newestMinute();
            if (newest != MinuteRing.NONE && newest > nowMinute && series.remove(path, s)) {
                dropped.add(path);
            }
        });
        return dropped;
    }

    /**
     * @param nowMillis post time now: the minutes of followed points are filled in up to it
     * @return every point's history as bytes: per point its path, unit, newest minute and values, oldest first
     */
    public byte[] encode(long nowMillis) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        try (DataOutputStream head = new DataOutputStream(bytes)) {
            head.writeInt(MAGIC);
            head.writeInt(VERSION);
            head.flush();
            Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
            try (DataOutputStream out = new DataOutputStream(new DeflaterOutputStream(bytes, deflater))) {
                encodeSeries(out, nowMillis);
            } finally {
                deflater.end();
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot happen in memory", e);
        }
        return bytes.toByteArray();
    }

    private void encodeSeries(DataOutputStream out, long nowMillis) throws IOException {
        List<String> paths = new ArrayList<>(paths());
        out.writeInt(paths.size());
        for (String path : paths) {
            Series s = series.get(path);
            MinuteRing.Saved saved = s.ring().save(nowMillis);
            out.writeUTF(path);
            out.writeUTF(s.unit());
            out.writeLong(saved.newest());
            out.writeInt(saved.values().length);
            for (float v : saved.values()) {
                out.writeFloat(v);
            }
        }
    }

    /**
     * Reads back what {@link #encode} wrote, into a history of these dimensions. A point whose newest minute lies after
     * now (the post's clock was set back, as a simulated clock started again at the same moment is) is dropped, since
     * its minutes would stand for times that have not come yet; so are points beyond the most kept.
     *
     * @param nowMillis post time now
     * @throws IOException if the bytes are not a history of this format
     */
    public static PointHistory decode(byte[] encoded, int minutes, int maxPoints, long nowMillis,
            List<String> dropped) throws IOException {
        PointHistory history = new PointHistory(minutes, maxPoints);
        long nowMinute = Math.floorDiv(nowMillis, 60_000L);
        DataInputStream head = new DataInputStream(new ByteArrayInputStream(encoded));
        if (encoded.length < 8 || head.readInt() != MAGIC) {
            throw new IOException("not a Lampyris history file");
        }
        int version = head.readInt();
        if (version != VERSION) {
            throw new IOException("history format " + version + " is not " + VERSION);
        }
        try (DataInputStream in = new DataInputStream(new InflaterInputStream(head))) {
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                String path = in.readUTF();
                String unit = in.readUTF();
                long newest = in.readLong();
                int n = in.readInt();
                if (n < 0 || n > MOST_MINUTES) {
                    throw new IOException("history of " + path + " claims " + n + " minutes");
                }
                float[] values = new float[n];
                for (int j = 0; j < n; j++) {
                    values[j] = in.readFloat();
                }
                if (newest > nowMinute) {
                    dropped.add(path + " (its newest minute is after the post's time now)");
                    continue;
                }
                Series s = history.follow(path, unit);
                if (s == null) {
                    dropped.add(path + " (more points than " + maxPoints + ")");
                    continue;
                }
                s.ring().restore(new MinuteRing.Saved(newest, values));
            }
        }
        return history;
    }
}
