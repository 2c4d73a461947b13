package org.lampyris.counting;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the counting plugin. */
@ObjectClassDefinition(id = CountingConfig.PID, name = "Lampyris counting",
        description = "Counts pedestrians, cyclists and vehicles passing the post per interval and per day, and "
                + "reports how many are present. Only these aggregates leave the plugin, never a single detection.")
public @interface CountingConfig {

    /** The configuration PID. */
    String PID = "org.lampyris.counting";

    @AttributeDefinition(name = "Interval (min)",
            description = "Length of a counting interval in minutes of post time, 5 to 1440. Intervals are aligned "
                    + "to the local clock from midnight (00:00, 00:15, 00:30 ...) and never span midnight. The "
                    + "minimum keeps an interval count from timing a single passer-by.",
            min = "5", max = "1440")
    int interval_minutes() default 15;

    @AttributeDefinition(name = "Intervals shown",
            description = "How many of the most recent completed intervals /count/intervals shows, 1 to 96.",
            min = "1", max = "96")
    int history_intervals() default 8;

    @AttributeDefinition(name = "Poll period (ms)",
            description = "Milliseconds of post time between readings of the sensor's presence, which is also how "
                    + "late the end of an interval may be noticed.",
            min = "100", max = "60000")
    long poll_ms() default 1000;

    @AttributeDefinition(name = "Shortest real poll period (ms)",
            description = "Fewest real milliseconds between two polls, so that a fast simulated clock does not keep "
                    + "the controller busy.",
            min = "1", max = "60000")
    long min_real_poll_ms() default 50;
}
