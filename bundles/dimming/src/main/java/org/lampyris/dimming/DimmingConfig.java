package org.lampyris.dimming;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the dimming plugin. */
@ObjectClassDefinition(id = DimmingConfig.PID, name = "Lampyris dimming",
        description = "Controls the luminaire of the post.")
public @interface DimmingConfig {

    /** The configuration PID. */
    String PID = "org.lampyris.dimming";

    @AttributeDefinition(name = "Initial level (%)", description = "Light level set when the plugin starts, 0-100.",
            min = "0", max = "100")
    double initial_level() default 100;

    @AttributeDefinition(name = "Fade time (ms)",
            description = "Duration of the fade when an operator sets a new level, in post time.", min = "0",
            max = "600000")
    long fade_ms() default 500;
}
