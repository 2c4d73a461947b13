package org.lampyris.tests.benchmark;

/**
 * One row of the result: a figure on both sides over the repetitions, and the ratio platform / bare.
 *
 * @param figure   the figure
 * @param platform the platform's median and spread
 * @param bare     the bare server's median and spread
 * @param ratio    the ratio of the medians, with the smallest and largest ratio of one repetition's pair
 * @param met      whether the target is met; null when there is no target or nothing was measured
 */
record FigureSummary(Figure figure, Spread platform, Spread bare, Spread ratio, Boolean met) {

    /** @return "pass", "miss", "-" without a target, or why the figure is not measured */
    String verdict() {
        if (!figure.implemented()) {
            return figure.unavailable();
        }
        if (met == null && figure.target().kind() != Target.Kind.NONE && platform.isEmpty()) {
            return "no valid measurement";
        }
        return met == null ? "-" : met ? "pass" : "miss";
    }
}
