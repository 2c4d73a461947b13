package org.lampyris.counting;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.lampyris.hal.counting.Direction;
import org.lampyris.hal.counting.RoadUser;

/**
 * Completed intervals as {@code /count/intervals} shows them (the platform writes them as JSON, CBOR or text): a
 * list, oldest first, of
 *
 * <pre>
 * {"start": "2026-03-29T01:45:00+01:00", "end": "2026-03-29T03:00:00+02:00",
 *  "pedestrian": {"forward": 3, "backward": 1, "unknown": 0}, "cyclist": {...}, "vehicle": {...}}
 * </pre>
 *
 * Times are ISO-8601 with the offset of the post's local time, so that the repeated hour of an autumn night reads
 * unambiguously. The only times shown are interval boundaries.
 */
final class IntervalsShown {

    private IntervalsShown() {
    }

    static List<Map<String, Object>> of(List<Interval> intervals, ZoneId zone) {
        return intervals.stream().map(interval -> shown(interval, zone)).toList();
    }

    private static Map<String, Object> shown(Interval interval, ZoneId zone) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("start", iso(interval.start(), zone));
        shown.put("end", iso(interval.end(), zone));
        for (RoadUser kind : RoadUser.values()) {
            Map<String, Object> byDirection = new LinkedHashMap<>();
            for (Direction direction : Direction.values()) {
                byDirection.put(name(direction), interval.counts().of(kind, direction));
            }
            shown.put(name(kind), byDirection);
        }
        return shown;
    }

    private static String iso(Instant time, ZoneId zone) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time.atZone(zone));
    }

    private static String name(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }
}
