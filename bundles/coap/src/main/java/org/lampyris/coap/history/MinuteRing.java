package org.lampyris.coap.history;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One point's history: a value per minute of post time for the last {@code capacity} minutes, in a ring of
 * {@code float}s (4 bytes a minute; 2880 minutes, two days, are 11.5 KB) that is allocated once and never grows.
 * <p>
 * <b>What a minute holds.</b> The slot of a minute holds the last value reported in that minute, which is the value the
 * point held when the minute ended: a step of the light at 22:00:00 shows from the minute 22:00 on, a boost that holds
 * two minutes shows in two slots. A change undone within the same minute does not show. A minute in which nothing was
 * reported holds the value before it, as long as the point was followed without a break ({@link #record} after
 * {@link #record}); a minute in which the point was not followed (the post was off, the plugin was gone) holds no
 * value ({@code NaN}) and is left out of every answer. So that a quiet point costs no work, such minutes are filled in
 * only when the next value comes, when the history is read, or when it is saved.
 * <p>
 * Readings older than the newest one recorded are ignored, so that the ring only ever moves forward in time.
 * Thread-safe: every method holds the ring's lock, which is never held while anything else is called.
 */
public final class MinuteRing {
    /** The newest minute of a ring that holds nothing. */
    static final long NONE = Long.MIN_VALUE;

    private final float[] slots;
    /** The epoch minute of the newest slot written; {@link #NONE} while empty. */
    private long newest = NONE;
    /** The time of the newest reading recorded, epoch milliseconds. */
    private long newestMillis = Long.MIN_VALUE;
    /** Whether the point is followed: the minutes after {@link #newest} hold its value, up to now. */
    private boolean live;

    /** @param capacity the minutes kept, at least 1 */
    public MinuteRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a history keeps at least one minute, not " + capacity);
        }
        slots = new float[capacity];
        Arrays.fill(slots, Float.NaN);
    }

    /** One minute of history. @param minute the epoch minute (seconds since the epoch / 60) @param value its value */
    public record Minute(long minute, double value) {
        /** @return the start of the minute, in seconds since the epoch */
        public long epochSecond() {
            return minute * 60;
        }
    }

    /** @return the minutes this ring keeps */
    public int capacity() {
        return slots.length;
    }

    /**
     * Records a value the point reported; from now on the point counts as followed until {@link #pause}.
     *
     * @param epochMillis when it was measured, in post time
     * @param value the value; a value that is not finite is ignored
     */
    public synchronized void record(long epochMillis, double value) {
        if (epochMillis < newestMillis || !Double.isFinite(value)) {
            return;
        }
        long minute = Math.floorDiv(epochMillis, 60_000L);
        advance(minute);
        slots[index(minute)] = (float) value;
        newestMillis = epochMillis;
        live = true;
    }

    /**
     * The point is no longer followed (its plugin went, the endpoint stops): the minutes up to now keep its last value,
     * and those after now will hold none until it is recorded again.
     *
     * @param nowMillis post time now
     */
    public synchronized void pause(long nowMillis) {
        if (live) {
            advance(Math.floorDiv(nowMillis, 60_000L));
            live = false;
        }
    }

    /**
     * @param fromMinute the first epoch minute wanted
     * @param toMinute the last epoch minute wanted
     * @param nowMillis post time now, up to which a followed point holds its last value
     * @return the minutes in that span that hold a value, oldest first
     */
    public synchronized List<Minute> between(long fromMinute, long toMinute, long nowMillis) {
        if (newest == NONE) {
            return List.of();
        }
        long now = Math.floorDiv(nowMillis, 60_000L);
        long last = Math.min(toMinute, live ? Math.max(newest, now) : newest);
        long first = Math.max(fromMinute, Math.max(newest, last) - slots.length + 1);
        float carry = slots[index(newest)];
        List<Minute> minutes = new ArrayList<>((int) Math.max(0, Math.min(slots.length, last - first + 1)));
        for (long m = first; m <= last; m++) {
            float v = m <= newest ? slots[index(m)] : carry;
            if (!Float.isNaN(v)) {
                minutes.add(new Minute(m, exact(v)));
            }
        }
        return minutes;
    }

    /** @return the epoch minute of the newest value kept, {@link #NONE} if there is none */
    public synchronized long newestMinute() {
        return newest;
    }

    /**
     * A copy of the ring for saving, its followed minutes filled in up to now.
     *
     * @param nowMillis post time now
     * @return the values of the minutes up to the newest, oldest first, as many as the ring keeps
     */
    synchronized Saved save(long nowMillis) {
        if (live) {
            advance(Math.floorDiv(nowMillis, 60_000L));
        }
        float[] values = new float[newest == NONE ? 0 : slots.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = slots[index(newest - values.length + 1 + i)];
        }
        return new Saved(newest, values);
    }

    /** What a ring saves: its newest minute and the values up to it, oldest first. */
    record Saved(long newest, float[] values) {
    }

    /** Takes over saved minutes, the newest that fit; the point counts as not followed until recorded again. */
    synchronized void restore(Saved saved) {
        Arrays.fill(slots, Float.NaN);
        newest = saved.values().length == 0 ? NONE : saved.newest();
        newestMillis = newest == NONE ? Long.MIN_VALUE : newest * 60_000L;
        live = false;
        int n = Math.min(slots.length, saved.values().length);
        for (int i = 0; i < n; i++) {
            long minute = newest - n + 1 + i;
            slots[index(minute)] = saved.values()[saved.values().length - n + i];
        }
    }

    /** Moves the newest minute forward, filling the minutes in between with the carried value or none. */
    private void advance(long minute) {
        if (newest == NONE) {
            newest = minute;
            return;
        }
        if (minute <= newest) {
            return;
        }
        float carry = live ? slots[index(newest)] : Float.NaN;
        for (long m = Math.max(newest + 1, minute - slots.length + 1); m <= minute; m++) {
            slots[index(m)] = carry;
        }
        newest = minute;
    }

    private int index(long minute) {
        return (int) Math.floorMod(minute, (long) slots.length);
    }

    /** @return the float as the decimal it was written as (30.1f is 30.1, not 30.100000381469727) */
    private static double exact(float v) {
        return Double.parseDouble(Float.toString(v));
    }
}
