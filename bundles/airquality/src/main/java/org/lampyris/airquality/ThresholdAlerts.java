package org.lampyris.airquality;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which {@link AlertRule thresholds} are exceeded. An alert starts at the first sample whose mean exceeds the
 * threshold (a mean equal to it does not), and ends at the first sample whose mean is below the threshold minus the
 * hysteresis, or whose mean is no longer known (too few valid samples in the window): an alert that no data supports
 * any more ends, and {@code /air/status} says why the data is missing. Not thread-safe.
 */
final class ThresholdAlerts {

    /**
     * An alert in force.
     *
     * @param rule the threshold exceeded
     * @param value the mean when the alert started; it stays as it was so that observers hear of starts and ends
     *            only, not of every sample while the alert lasts
     * @param since the time of the sample that started it
     */
    record Alert(AlertRule rule, double value, Instant since) {
    }

    private final List<AlertRule> rules;
    private final double hysteresis;
    private final Map<AlertRule, Alert> active = new LinkedHashMap<>();

    /**
     * @param rules the thresholds
     * @param hysteresis the share of a threshold, 0 to 1, the mean must fall below it to end the alert
     */
    ThresholdAlerts(List<AlertRule> rules, double hysteresis) {
        this.rules = List.copyOf(rules);
        this.hysteresis = hysteresis;
    }

    /**
     * @param now the time of the sample
     * @param means the known means by window and pollutant
     * @return the alerts in force after this sample, in the order of the rules
     */
    List<Alert> update(Instant now, Map<MeanWindow, Map<Pollutant, Double>> means) {
        List<Alert> inForce = new ArrayList<>();
        for (AlertRule rule : rules) {
            Double mean = means.getOrDefault(rule.window(), Map.of()).get(rule.pollutant());
            Alert alert = active.get(rule);
            if (mean == null || (alert != null && mean < rule.threshold() * (1 - hysteresis))) {
                active.remove(rule);
            } else if (alert == null && mean > rule.threshold()) {
                active.put(rule, new Alert(rule, mean, now));
            }
            if (active.containsKey(rule)) {
                inForce.add(active.get(rule));
            }
        }
        return List.copyOf(inForce);
    }
}
