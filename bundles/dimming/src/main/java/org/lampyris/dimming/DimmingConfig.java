package org.lampyris.dimming;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the dimming plugin. */
@ObjectClassDefinition(id = DimmingConfig.PID, name = "Lampyris dimming",
        description = "Switches the light from dusk to dawn, dims it through the night, boosts it on presence.")
public @interface DimmingConfig {

    /** The configuration PID. */
    String PID = "org.lampyris.dimming";

    @AttributeDefinition(name = "Night profile",
            description = "Steps of the night in local time, HH:mm=level: from each time on, the light is at that "
                    + "level (0-100 %). Steps wrap around midnight.")
    String[] profile() default { "22:00=50", "05:00=100" };

    @AttributeDefinition(name = "Dusk offset (min)",
            description = "Minutes after sunset the light switches on; negative switches on before sunset.",
            min = "-180", max = "180")
    int dusk_offset_minutes() default 0;

    @AttributeDefinition(name = "Dawn offset (min)",
            description = "Minutes after sunrise the light switches off; negative switches off before sunrise.",
            min = "-180", max = "180")
    int dawn_offset_minutes() default 0;

    @AttributeDefinition(name = "Day level (%)", description = "Light level by day, normally 0.", min = "0",
            max = "100")
    double day_level() default 0;

    @AttributeDefinition(name = "Fade time (ms)",
            description = "Duration of a fade between levels, in post time.", min = "0", max = "600000")
    long fade_ms() default 2000;

    @AttributeDefinition(name = "Boost level (%)",
            description = "Level at night while the counting capability reports road users present.", min = "0",
            max = "100")
    double boost_level() default 100;

    @AttributeDefinition(name = "Boost hold (s)",
            description = "Seconds of post time the boost holds after presence was last reported.", min = "0")
    long boost_hold_seconds() default 120;

    @AttributeDefinition(name = "Override expiry (min)",
            description = "Minutes of post time an operator's level holds before the profile resumes.", min = "1")
    long override_minutes() default 60;

    @AttributeDefinition(name = "Evaluation period (ms)",
            description = "Real milliseconds between evaluations of the plan; shorter with a fast simulated clock.",
            min = "20", max = "60000")
    long evaluation_ms() default 1000;
}
