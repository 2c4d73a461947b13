package org.lampyris.api.air;

import java.time.Instant;
import java.util.Map;

/**
 * An air-quality report.
 *
 * @param time when, in post time
 * @param values the latest value of each measured quantity, keyed by the last segment of its standard path
 *            ({@code pm25}, {@code no2}, {@code temperature}, ...), in the unit of that standard point
 * @param eaqi the European Air Quality Index band, 1 (good) to 6 (extremely poor), or 0 when unknown
 */
public record AirQualityReport(Instant time, Map<String, Double> values, int eaqi) {

    public AirQualityReport {
        values = Map.copyOf(values);
    }
}
