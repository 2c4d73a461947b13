package org.lampyris.airquality;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalDouble;

/** The hourly and daily {@link RollingMean rolling means} of every pollutant. Not thread-safe. */
final class PollutantMeans {
    private final Map<Pollutant, Map<MeanWindow, RollingMean>> means = new EnumMap<>(Pollutant.class);

    /**
     * @param period the sampling period
     * @param minCoverage the share of a window, 0 to 1, valid samples must cover for its mean to be known
     */
    PollutantMeans(Duration period, double minCoverage) {
        for (Pollutant p : Pollutant.values()) {
            Map<MeanWindow, RollingMean> windows = new EnumMap<>(MeanWindow.class);
            for (MeanWindow w : MeanWindow.values()) {
                windows.put(w, new RollingMean(w.span(), period, minCoverage));
            }
            means.put(p, windows);
        }
    }

    void add(Pollutant pollutant, Instant time, double value) {
        means.get(pollutant).values().forEach(m -> m.add(time, value));
    }

    void remove(Pollutant pollutant, Instant time, double value) {
        means.get(pollutant).values().forEach(m -> m.remove(time, value));
    }

    /** @return the known means at a time, by window and pollutant; a mean not known yet is absent */
    Map<MeanWindow, Map<Pollutant, Double>> at(Instant now) {
        Map<MeanWindow, Map<Pollutant, Double>> known = new EnumMap<>(MeanWindow.class);
        for (MeanWindow w : MeanWindow.values()) {
            Map<Pollutant, Double> byPollutant = new EnumMap<>(Pollutant.class);
            for (Pollutant p : Pollutant.values()) {
                OptionalDouble mean = means.get(p).get(w).mean(now);
                if (mean.isPresent()) {
                    byPollutant.put(p, mean.getAsDouble());
                }
            }
            known.put(w, Map.copyOf(byPollutant));
        }
        return Map.copyOf(known);
    }
}
