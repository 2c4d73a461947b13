package org.lampyris.api.lighting;

import java.time.Instant;

/**
 * The state of the lighting of a post.
 *
 * @param time when, in post time
 * @param level the light level, 0–100 %
 * @param powerWatts the electrical power of the lighting, in W
 * @param energyWattHours the energy drawn by the lighting, in Wh
 * @param lampFailure whether a lamp has failed
 * @param gearFailure whether the control gear reports a fault
 */
public record LightingStatus(Instant time, double level, double powerWatts, double energyWattHours,
        boolean lampFailure, boolean gearFailure) {
}
