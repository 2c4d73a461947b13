package org.lampyris.airquality;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A threshold on a rolling mean: {@code no2/1h=200} alerts while the hourly NO2 mean exceeds 200 ug/m3.
 *
 * @param pollutant the pollutant
 * @param window the mean compared
 * @param threshold the limit in ug/m3, greater than 0
 */
record AlertRule(Pollutant pollutant, MeanWindow window, double threshold) {
    private static final Pattern SYNTAX = Pattern.compile("\\s*([a-z0-9]+)\\s*/\\s*([a-z0-9]+)\\s*=\\s*(\\S+)\\s*");

    /**
     * @param entries the configured thresholds, {@code pollutant/mean=limit} each
     * @return the rules, in the order given
     * @throws IllegalArgumentException naming every entry that cannot be read, and saying what is accepted
     */
    static List<AlertRule> parse(String[] entries) {
        List<AlertRule> rules = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String entry : entries) {
            Optional<AlertRule> rule = parse(entry);
            if (rule.isEmpty() || !seen.add(rule.get().pollutant().key() + "/" + rule.get().window().key())) {
                unreadable.add("'" + entry + "'");
            } else {
                rule.ifPresent(rules::add);
            }
        }
        if (!unreadable.isEmpty()) {
            throw new IllegalArgumentException("unreadable or repeated alert thresholds " + String.join(", ", unreadable)
                    + ": write pollutant/mean=limit, e.g. no2/1h=200, with a pollutant of pm1, pm25, pm10, no2, o3, "
                    + "a mean of 1h or 24h and a limit in ug/m3 greater than 0, once per pollutant and mean");
        }
        return List.copyOf(rules);
    }

    private static Optional<AlertRule> parse(String entry) {
        Matcher m = SYNTAX.matcher(entry == null ? "" : entry.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        Optional<Pollutant> pollutant = Pollutant.forKey(m.group(1));
        Optional<MeanWindow> window = MeanWindow.forKey(m.group(2));
        double threshold;
        try {
            threshold = Double.parseDouble(m.group(3));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (pollutant.isEmpty() || window.isEmpty() || !(threshold > 0) || Double.isInfinite(threshold)) {
            return Optional.empty();
        }
        return Optional.of(new AlertRule(pollutant.get(), window.get(), threshold));
    }

    @Override
    public String toString() {
        return pollutant.key() + "/" + window.key() + "=" + AirShown.number(threshold);
    }
}
