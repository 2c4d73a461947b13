package org.lampyris.airquality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bands against the thresholds the European Environment Agency publishes for its index. */
class EuropeanAirQualityIndexTest {

    @ParameterizedTest(name = "{0} at {1} ug/m3 is band {2}")
    @CsvSource({
            // PM2.5, 24-hour running mean: 0-10, 10-20, 20-25, 25-50, 50-75, 75-800
            "PM25, 0, 1", "PM25, 9.99, 1", "PM25, 10, 2", "PM25, 19.99, 2", "PM25, 20, 3", "PM25, 24.99, 3",
            "PM25, 25, 4", "PM25, 49.99, 4", "PM25, 50, 5", "PM25, 74.99, 5", "PM25, 75, 6", "PM25, 800, 6",
            // PM10, 24-hour running mean: 0-20, 20-40, 40-50, 50-100, 100-150, 150-1200
            "PM10, 0, 1", "PM10, 19.99, 1", "PM10, 20, 2", "PM10, 39.99, 2", "PM10, 40, 3", "PM10, 49.99, 3",
            "PM10, 50, 4", "PM10, 99.99, 4", "PM10, 100, 5", "PM10, 149.99, 5", "PM10, 150, 6", "PM10, 1200, 6",
            // NO2, hourly mean: 0-40, 40-90, 90-120, 120-230, 230-340, 340-1000
            "NO2, 0, 1", "NO2, 39.99, 1", "NO2, 40, 2", "NO2, 89.99, 2", "NO2, 90, 3", "NO2, 119.99, 3",
            "NO2, 120, 4", "NO2, 229.99, 4", "NO2, 230, 5", "NO2, 339.99, 5", "NO2, 340, 6", "NO2, 1000, 6",
            // O3, hourly mean: 0-50, 50-100, 100-130, 130-240, 240-380, 380-800
            "O3, 0, 1", "O3, 49.99, 1", "O3, 50, 2", "O3, 99.99, 2", "O3, 100, 3", "O3, 129.99, 3",
            "O3, 130, 4", "O3, 239.99, 4", "O3, 240, 5", "O3, 379.99, 5", "O3, 380, 6", "O3, 800, 6" })
    void eachPollutantFallsInThePublishedBandAndABandStartsAtItsLowerEdge(Pollutant pollutant, double mean,
            int band) {
        assertThat(EuropeanAirQualityIndex.band(pollutant, mean)).get()
                .extracting(EuropeanAirQualityIndex.Band::number).isEqualTo(band);
    }

    @Test
    void theBandsCarryTheNamesTheAgencyGivesThem() {
        assertThat(EuropeanAirQualityIndex.Band.values()).extracting(EuropeanAirQualityIndex.Band::title)
                .containsExactly("Good", "Fair", "Moderate", "Poor", "Very poor", "Extremely poor");
    }

    @Test
    void particlesAreBandedByTheirDailyMeanAndGasesByTheirHourlyMean() {
        assertThat(EuropeanAirQualityIndex.window(Pollutant.PM25)).contains(MeanWindow.DAY);
        assertThat(EuropeanAirQualityIndex.window(Pollutant.PM10)).contains(MeanWindow.DAY);
        assertThat(EuropeanAirQualityIndex.window(Pollutant.NO2)).contains(MeanWindow.HOUR);
        assertThat(EuropeanAirQualityIndex.window(Pollutant.O3)).contains(MeanWindow.HOUR);
        assertThat(EuropeanAirQualityIndex.window(Pollutant.PM1)).isEmpty();
        assertThat(EuropeanAirQualityIndex.band(Pollutant.PM1, 500)).isEmpty();
    }

    @Test
    void theIndexIsTheWorstBandOfThePollutantsWhoseMeanIsKnown() {
        Map<MeanWindow, Map<Pollutant, Double>> means = Map.of(
                MeanWindow.HOUR, Map.of(Pollutant.NO2, 95.0, Pollutant.O3, 60.0, Pollutant.PM25, 80.0),
                MeanWindow.DAY, Map.of(Pollutant.PM25, 12.0, Pollutant.PM10, 30.0, Pollutant.NO2, 400.0));
        // NO2 hourly 95 is Moderate (3); PM2.5's hourly 80 and NO2's daily 400 are not what the index bands.
        assertThat(EuropeanAirQualityIndex.index(means)).isEqualTo(3);
    }

    @Test
    void theIndexIsUnknownUntilSomeMeanIsKnown() {
        assertThat(EuropeanAirQualityIndex.index(Map.of())).isZero();
        assertThat(EuropeanAirQualityIndex.index(Map.of(MeanWindow.HOUR, Map.of(Pollutant.PM1, 900.0)))).isZero();
        assertThat(EuropeanAirQualityIndex.index(Map.of(MeanWindow.DAY, Map.of(Pollutant.PM10, 151.0))))
                .isEqualTo(6);
    }
}
