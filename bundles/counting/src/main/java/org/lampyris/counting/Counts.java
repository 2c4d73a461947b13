package org.lampyris.counting;

import java.util.Arrays;

import org.lampyris.hal.counting.Direction;
import org.lampyris.hal.counting.RoadUser;

/** How many road users of each class went each way: an immutable value. */
final class Counts {
    private static final int DIRECTIONS = Direction.values().length;

    /** No road user at all. */
    static final Counts NONE = new Counts(new long[RoadUser.values().length * DIRECTIONS]);

    private final long[] cells;

    private Counts(long[] cells) {
        this.cells = cells;
    }

    /** @return how many of a class went one way */
    long of(RoadUser kind, Direction direction) {
        return cells[cell(kind, direction)];
    }

    /** @return how many of a class went either way */
    long of(RoadUser kind) {
        long total = 0;
        for (Direction direction : Direction.values()) {
            total += of(kind, direction);
        }
        return total;
    }

    /** @return these counts with one more road user of a class going one way */
    Counts plus(RoadUser kind, Direction direction) {
        long[] next = cells.clone();
        next[cell(kind, direction)]++;
        return new Counts(next);
    }

    private static int cell(RoadUser kind, Direction direction) {
        return kind.ordinal() * DIRECTIONS + direction.ordinal();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Counts c && Arrays.equals(cells, c.cells);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(cells);
    }

    @Override
    public String toString() {
        return Arrays.toString(cells);
    }
}
