package org.lampyris.dimming;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The dimming steps of a night in local time, such as {@code 22:00=50} and {@code 05:00=100}: from 22:00 the light is
 * at 50 %, from 05:00 at 100 %. Steps wrap around midnight: before the first step of the day the last step of the
 * previous day applies, so at 17:00 dusk the example profile gives 100 %.
 *
 * @param steps the level from each local time on, sorted by time; never empty
 */
record NightProfile(TreeMap<LocalTime, Double> steps) {

    NightProfile {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a night profile needs at least one step");
        }
        steps = new TreeMap<>(steps);
    }

    /**
     * @param entries steps written {@code HH:mm=level}, level 0-100
     * @return the profile
     * @throws IllegalArgumentException naming the first entry that is not a step
     */
    static NightProfile parse(String[] entries) {
        TreeMap<LocalTime, Double> steps = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (String entry : entries) {
            String e = entry.trim();
            int eq = e.indexOf('=');
            try {
                if (eq < 0) {
                    throw new IllegalArgumentException("missing '='");
                }
                LocalTime time = LocalTime.parse(e.substring(0, eq).trim());
                double level = Double.parseDouble(e.substring(eq + 1).trim());
                if (!(level >= 0 && level <= 100)) {
                    throw new IllegalArgumentException("level must be 0-100");
                }
                steps.put(time, level);
            } catch (DateTimeParseException | IllegalArgumentException ex) {
                problems.add("'" + e + "' (" + ex.getMessage() + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("profile steps are written HH:mm=level, not " + problems);
        }
        return new NightProfile(steps);
    }

    /** @return the level of the step in force at a local time */
    double levelAt(LocalTime time) {
        Map.Entry<LocalTime, Double> step = steps.floorEntry(time);
        return step != null ? step.getValue() : steps.lastEntry().getValue();
    }
}
