package org.lampyris.evcharging;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the EV charging plugin. */
@ObjectClassDefinition(id = EvChargingConfig.PID, name = "Lampyris EV charging",
        description = "Runs charging sessions on the post's charge point and keeps lighting plus charging under the "
                + "post's supply limit.")
public @interface EvChargingConfig {

    /** The configuration PID. */
    String PID = "org.lampyris.evcharging";

    /** The name of the attribute that holds the operator's current limit, written by {@code /ev/limit}. */
    String LIMIT_AMPS = "limit.amps";

    @AttributeDefinition(name = "Supply limit (W)",
            description = "Power the post's connection may draw at most: lighting plus charging stay under it.",
            min = "0")
    double supply_limit_watts() default 7400;

    @AttributeDefinition(name = "Lighting reserve (W)",
            description = "Lighting power assumed while no lighting capability reports its power: the rated "
                    + "maximum of the luminaire, so that the supply limit holds whatever the light does.",
            min = "0")
    double lighting_reserve_watts() default 150;

    @AttributeDefinition(name = "Operator current limit (A)",
            description = "Charging current an operator allows at most, 6-32 A (IEC 61851). Written through "
                    + "/ev/limit and kept here so that it survives a restart.", min = "6", max = "32")
    double limit_amps() default 32;

    @AttributeDefinition(name = "Free charging",
            description = "Charge any connected vehicle without an identifier; otherwise a session starts only "
                    + "when an identifier is posted to /ev/sessions.")
    boolean free_charging() default false;

    @AttributeDefinition(name = "Sessions kept",
            description = "How many ended sessions /ev/sessions shows and the controller keeps across a restart.",
            min = "1", max = "1000")
    int sessions_kept() default 20;

    @AttributeDefinition(name = "Poll period (s)",
            description = "Seconds of post time between readings of the charge point, on top of its change "
                    + "events, so that a missed event is caught up and the current cap follows the lighting.",
            min = "1", max = "3600")
    long poll_seconds() default 5;

    @AttributeDefinition(name = "Decision wait (ms)",
            description = "How long an authorisation, a stop or a new limit waits at most for the charger to decide "
                    + "on it. An authorisation or stop not decided in time fails (and never takes effect unless "
                    + "the charger had begun on it); a limit not applied in time is applied as soon as the charger "
                    + "can.", min = "10", max = "60000")
    long decision_wait_ms() default 2000;
}
