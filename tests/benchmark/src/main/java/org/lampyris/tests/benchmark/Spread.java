package org.lampyris.tests.benchmark;

import java.util.Arrays;

/**
 * The median of a figure over the repetitions, with its smallest and largest value. Missing values (NaN) are left
 * out; with none left every field is NaN.
 *
 * @param median the median; the mean of the middle two for an even count
 * @param min    the smallest value
 * @param max    the largest value
 * @param count  how many values there were
 */
record Spread(double median, double min, double max, int count) {

    static Spread of(double[] values) {
        double[] present = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        int n = present.length;
        if (n == 0) {
            return new Spread(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double median = n % 2 == 1 ? present[n / 2] : (present[n / 2 - 1] + present[n / 2]) / 2;
        return new Spread(median, present[0], present[n - 1], n);
    }

    boolean isEmpty() {
        return count == 0;
    }
}
