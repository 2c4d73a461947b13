package org.lampyris.counting;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.lampyris.hal.counting.Direction;
import org.lampyris.hal.counting.RoadUser;

/**
 * Writes completed intervals as the JSON of {@code /count/intervals}: an array, oldest first, of
 *
 * <pre>
 * {"start": "2026-03-29T01:45:00+01:00", "end": "2026-03-29T03:00:00+02:00",
 *  "pedestrian": {"forward": 3, "backward": 1, "unknown": 0}, "cyclist": {...}, "vehicle": {...}}
 * </pre>
 *
 * Times are ISO-8601 with the offset of the post's local time, so that the repeated hour of an autumn night reads
 * unambiguously. The only times written are interval boundaries.
 */
final class IntervalsJson {

    private IntervalsJson() {
    }

    static String render(List<Interval> intervals, ZoneId zone) {
        StringBuilder json = new StringBuilder("[");
        for (Interval interval : intervals) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append("{\"start\":\"").append(iso(interval.start(), zone)).append('"');
            json.append(",\"end\":\"").append(iso(interval.end(), zone)).append('"');
            for (RoadUser kind : RoadUser.values()) {
                json.append(",\"").append(name(kind)).append("\":{");
                for (Direction direction : Direction.values()) {
                    if (direction.ordinal() > 0) {
                        json.append(',');
                    }
                    json.append('"').append(name(direction)).append("\":")
                            .append(interval.counts().of(kind, direction));
                }
                json.append('}');
            }
            json.append('}');
        }
        return json.append(']').toString();
    }

    private static String iso(Instant time, ZoneId zone) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time.atZone(zone));
    }

    private static String name(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }
}
