package org.lampyris.hal.sim;

/**
 * Deterministic pseudo-random numbers as a pure function of a seed and a few coordinates (a channel, a minute, a
 * slot), so that the simulator gives the same answer for the same moment however often, and in whatever order, it is
 * asked. A {@link java.util.Random} would make the answer depend on the history of calls, hence on thread timing. The
 * mixing function is SplitMix64's finaliser.
 */
final class SeededNoise {
    private final long seed;

    SeededNoise(long seed) {
        this.seed = seed;
    }

    /** @return 64 well-mixed bits determined by the seed and the coordinates, e.g. to derive another seed */
    long bits(long... coordinates) {
        long x = seed * 0x9E3779B97F4A7C15L;
        for (long c : coordinates) {
            x = mix(x + c * 0xBF58476D1CE4E5B9L + 0x632BE59BD9B4E019L);
        }
        return mix(x);
    }

    /** @return a number in [0, 1) determined by the seed and the coordinates */
    double unit(long... coordinates) {
        return (bits(coordinates) >>> 11) * 0x1.0p-53;
    }

    /** @return a number in [low, high) determined by the seed and the coordinates */
    double between(double low, double high, long... coordinates) {
        return low + (high - low) * unit(coordinates);
    }

    /**
     * Smooth noise in [-1, 1]: seeded values at whole positions, joined by cosine interpolation, so that a reading
     * drifts like real air instead of jumping at every step.
     *
     * @param position where to read, e.g. post time in tens of minutes
     * @param channel keeps different quantities independent
     */
    double smooth(double position, long channel) {
        long knot = (long) Math.floor(position);
        double a = between(-1, 1, channel, knot);
        double b = between(-1, 1, channel, knot + 1);
        double w = (1 - Math.cos(Math.PI * (position - knot))) / 2;
        return a + (b - a) * w;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
