package org.lampyris.airquality;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The European Air Quality Index of the European Environment Agency (EEA): each pollutant's concentration falls in
 * one of six bands, and the index is the worst band of the pollutants available. The bands, in ug/m3, are those the
 * EEA publishes:
 *
 * <pre>
 * pollutant  mean            Good   Fair    Moderate  Poor     Very poor  Extremely poor
 * PM2.5      24 h running    0-10   10-20   20-25     25-50    50-75      75-800
 * PM10       24 h running    0-20   20-40   40-50     50-100   100-150    150-1200
 * NO2        1 h             0-40   40-90   90-120    120-230  230-340    340-1000
 * O3         1 h             0-50   50-100  100-130   130-240  240-380    380-800
 * </pre>
 *
 * SO2 is part of the index but not measured here; PM1 has no band. A band includes its lower edge: a PM2.5 mean of
 * exactly 10 is Fair. A mean above the top of the scale is Extremely poor.
 */
final class EuropeanAirQualityIndex {

    /** The index value when no pollutant's mean is known yet, as {@code /air/eaqi} and reports show it. */
    static final int UNKNOWN = 0;

    /** The bands, numbered 1 to 6 as {@code /air/eaqi} shows them. */
    enum Band {
        GOOD("Good"), FAIR("Fair"), MODERATE("Moderate"), POOR("Poor"), VERY_POOR("Very poor"),
        EXTREMELY_POOR("Extremely poor");

        private final String title;

        Band(String title) {
            this.title = title;
        }

        /** @return 1 (good) to 6 (extremely poor) */
        int number() {
            return ordinal() + 1;
        }

        /** @return the EEA's name of the band */
        String title() {
            return title;
        }
    }

    private EuropeanAirQualityIndex() {
    }

    /** @return the mean the EEA bands a pollutant by, empty for a pollutant outside the index */
    static Optional<MeanWindow> window(Pollutant pollutant) {
        return switch (pollutant) {
            case PM25, PM10 -> Optional.of(MeanWindow.DAY);
            case NO2, O3 -> Optional.of(MeanWindow.HOUR);
            case PM1 -> Optional.empty();
        };
    }

    /**
     * @param pollutant a pollutant
     * @param mean its mean over {@link #window its window}, in ug/m3
     * @return its band, empty for a pollutant outside the index
     */
    static Optional<Band> band(Pollutant pollutant, double mean) {
        List<Double> lowerEdges = lowerEdges(pollutant);
        if (lowerEdges.isEmpty()) {
            return Optional.empty();
        }
        Band band = Band.GOOD;
        for (int i = 1; i < lowerEdges.size(); i++) {
            if (mean >= lowerEdges.get(i)) {
                band = Band.values()[i];
            }
        }
        return Optional.of(band);
    }

    /**
     * @param means the known means by window and pollutant
     * @return the index, 1 to 6: the worst band among the pollutants whose mean is known; {@link #UNKNOWN} if none
     */
    static int index(Map<MeanWindow, Map<Pollutant, Double>> means) {
        int worst = UNKNOWN;
        for (Pollutant p : Pollutant.values()) {
            Optional<MeanWindow> window = window(p);
            Double mean = window.map(w -> means.getOrDefault(w, Map.of()).get(p)).orElse(null);
            if (mean != null) {
                worst = Math.max(worst, band(p, mean).map(Band::number).orElse(UNKNOWN));
            }
        }
        return worst;
    }

    private static List<Double> lowerEdges(Pollutant pollutant) {
        return switch (pollutant) {
            case PM25 -> List.of(0.0, 10.0, 20.0, 25.0, 50.0, 75.0);
            case PM10 -> List.of(0.0, 20.0, 40.0, 50.0, 100.0, 150.0);
            case NO2 -> List.of(0.0, 40.0, 90.0, 120.0, 230.0, 340.0);
            case O3 -> List.of(0.0, 50.0, 100.0, 130.0, 240.0, 380.0);
            case PM1 -> List.of();
        };
    }
}
