package org.lampyris.hal.sim;

/**
 * Deterministic pseudo-random numbers as a pure function of a seed and a few coordinates (a channel, a minute, a day),
 * so that the simulator gives the same answer for the same moment however often, and in whatever order, it is asked.
 * The mixing function is SplitMix64's finaliser.
 */
final class SeededNoise {
    private final long seed;

    SeededNoise(long seed) {
        this.seed = seed;
    }

    /** @return a number in [0, 1) determined by the seed and the coordinates */
    double unit(long... coordinates) {
        long x = seed * 0x9E3779B97F4A7C15L;
        for (long c : coordinates) {
            x = mix(x + c * 0xBF58476D1CE4E5B9L + 0x632BE59BD9B4E019L);
        }
        return (mix(x) >>> 11) * 0x1.0p-53;
    }

    /** @return a number in [low, high) determined by the seed and the coordinates */
    double between(double low, double high, long... coordinates) {
        return low + (high - low) * unit(coordinates);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
