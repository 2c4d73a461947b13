package org.lampyris.tests.benchmark;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every value measured, per figure, side and repetition; a value not measured is NaN. */
final class Results {
    private final Map<String, Map<Side, double[]>> values = new LinkedHashMap<>();
    private final int repetitions;

    Results(List<Figure> figures, int repetitions) {
        this.repetitions = repetitions;
        for (Figure figure : figures) {
            Map<Side, double[]> sides = new EnumMap<>(Side.class);
            for (Side side : Side.values()) {
                double[] none = new double[repetitions];
                Arrays.fill(none, Double.NaN);
                sides.put(side, none);
            }
            values.put(figure.id(), sides);
        }
    }

    void put(String figure, Side side, int repetition, double value) {
        Map<Side, double[]> sides = values.get(figure);
        if (sides == null) {
            throw new IllegalArgumentException("no figure " + figure);
        }
        sides.get(side)[repetition] = value;
    }

    /** @return the values of every repetition, NaN where none was measured */
    double[] values(String figure, Side side) {
        return values.get(figure).get(side).clone();
    }

    int repetitions() {
        return repetitions;
    }

    /** @return a figure's medians and spreads on both sides and as a ratio, and whether it meets its target */
    FigureSummary summary(Figure figure) {
        double[] platform = values(figure.id(), Side.PLATFORM);
        double[] bare = values(figure.id(), Side.BARE);
        double[] ratios = new double[repetitions];
        for (int r = 0; r < repetitions; r++) {
            ratios[r] = bare[r] > 0 ? platform[r] / bare[r] : Double.NaN;
        }
        Spread p = Spread.of(platform);
        Spread b = Spread.of(bare);
        Spread perRepetition = Spread.of(ratios);
        double ratio = b.median() > 0 ? p.median() / b.median() : Double.NaN;
        Spread r = new Spread(ratio, perRepetition.min(), perRepetition.max(), perRepetition.count());
        Boolean met = p.isEmpty() ? null : figure.target().met(p.median(), ratio);
        return new FigureSummary(figure, p, b, r, met);
    }
}
