package org.lampyris.failsafe;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The fail-safe light level. */
@ObjectClassDefinition(id = FailSafeConfig.PID, name = "Lampyris fail-safe lighting",
        description = "The light level the platform holds whenever no lighting plugin controls the luminaire.")
public @interface FailSafeConfig {

    /** The configuration PID. */
    String PID = "org.lampyris.failsafe";

    @AttributeDefinition(name = "Fail-safe level (%)",
            description = "Light level, 0-100 %, applied while no lighting plugin is in control (absent, updating, "
                    + "failed or quarantined), and programmed into the control gear as its system failure level.",
            min = "0", max = "100")
    double level() default 100;

    @AttributeDefinition(name = "Re-check delay (ms)",
            description = "After a lighting plugin leaves, the level is applied at once and again after this delay, "
                    + "in case the departing plugin still had a fade under way.", min = "0", max = "10000")
    int recheck_ms() default 300;
}
