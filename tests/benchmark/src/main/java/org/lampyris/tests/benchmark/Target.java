package org.lampyris.tests.benchmark;

import java.util.Locale;

/**
 * The target of issue 7 for one figure: a bound on the ratio platform / bare, a bound on the platform's own value,
 * or none.
 *
 * @param kind  what is bounded
 * @param value the bound
 */
record Target(Kind kind, double value) {

    /** What a target bounds. */
    enum Kind {
        /** No target: the figure is reported only. */
        NONE,
        /** The ratio platform / bare must not exceed the value. */
        RATIO_AT_MOST,
        /** The ratio platform / bare must reach at least the value. */
        RATIO_AT_LEAST,
        /** The platform's own median must stay below the value, in the figure's unit. */
        PLATFORM_BELOW,
        /** The platform's own median must not exceed the value, in the figure's unit. */
        PLATFORM_AT_MOST
    }

    static final Target NONE = new Target(Kind.NONE, 0);

    static Target ratioAtMost(double value) {
        return new Target(Kind.RATIO_AT_MOST, value);
    }

    static Target ratioAtLeast(double value) {
        return new Target(Kind.RATIO_AT_LEAST, value);
    }

    static Target platformBelow(double value) {
        return new Target(Kind.PLATFORM_BELOW, value);
    }

    static Target platformAtMost(double value) {
        return new Target(Kind.PLATFORM_AT_MOST, value);
    }

    /** @return whether the medians meet the target, or null when there is none */
    Boolean met(double platformMedian, double ratio) {
        return switch (kind) {
            case NONE -> null;
            case RATIO_AT_MOST -> ratio <= value;
            case RATIO_AT_LEAST -> ratio >= value;
            case PLATFORM_BELOW -> platformMedian < value;
            case PLATFORM_AT_MOST -> platformMedian <= value;
        };
    }

    /** @return whether the target bounds the ratio, so that a chart can draw it as a line on the ratio axis */
    boolean isRatio() {
        return kind == Kind.RATIO_AT_MOST || kind == Kind.RATIO_AT_LEAST;
    }

    /** @return the target as a reader would write it, e.g. {@code <= 1.15x bare} */
    String describe(String unit) {
        return switch (kind) {
            case NONE -> "-";
            case RATIO_AT_MOST -> String.format(Locale.ROOT, "<= %.2fx bare", value);
            case RATIO_AT_LEAST -> String.format(Locale.ROOT, ">= %.2fx bare", value);
            case PLATFORM_BELOW -> String.format(Locale.ROOT, "platform < %.0f %s", value, unit);
            case PLATFORM_AT_MOST -> String.format(Locale.ROOT, "platform <= %.0f %s", value, unit);
        };
    }
}
