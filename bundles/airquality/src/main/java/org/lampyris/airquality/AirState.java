package org.lampyris.airquality;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.lampyris.api.air.AirQualityReport;
import org.lampyris.hal.air.AirChannel;

/**
 * Everything the air-quality plugin knows after one sample; the points and the capability show parts of it.
 *
 * @param time when the sample was taken, in post time
 * @param channels what the sample told about each channel, in {@link AirChannel} order
 * @param means the known rolling means by window and pollutant
 * @param eaqi the European Air Quality Index band, 1 to 6, or {@link EuropeanAirQualityIndex#UNKNOWN}
 * @param alerts the threshold alerts in force
 */
record AirState(Instant time, Map<AirChannel, ChannelReading> channels, Map<MeanWindow, Map<Pollutant, Double>> means,
        int eaqi, List<ThresholdAlerts.Alert> alerts) {

    AirState {
        channels = Collections.unmodifiableMap(new LinkedHashMap<>(channels));
        means = Map.copyOf(means);
        alerts = List.copyOf(alerts);
    }

    /** @return what is known of a channel */
    ChannelReading channel(AirChannel channel) {
        return channels.get(channel);
    }

    /** @return the known rolling mean of a pollutant over a window */
    Optional<Double> mean(Pollutant pollutant, MeanWindow window) {
        return Optional.ofNullable(means.getOrDefault(window, Map.of()).get(pollutant));
    }

    /** @return the report of the capability: the valid readings, keyed as the standard paths end, and the index */
    AirQualityReport report() {
        Map<String, Double> values = new LinkedHashMap<>();
        for (ChannelReading c : channels.values()) {
            if (c.valid()) {
                values.put(ChannelReading.key(c.channel()), c.value());
            }
        }
        return new AirQualityReport(time, values, eaqi);
    }
}
