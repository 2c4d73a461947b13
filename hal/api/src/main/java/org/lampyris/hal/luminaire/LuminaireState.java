package org.lampyris.hal.luminaire;

import java.time.Instant;

/**
 * A snapshot of a luminaire.
 *
 * @param time when the snapshot was taken, in post time
 * @param level the actual light level now, 0–100 % (moves during a fade)
 * @param targetLevel the level the current fade ends at, 0–100 %
 * @param powerWatts the electrical power drawn now, in W
 * @param energyWattHours the energy drawn since the driver was installed, in Wh
 * @param lampFailure true when the light source has failed (DALI lamp failure)
 * @param gearFailure true when the control gear reports a fault (DALI control gear failure)
 * @param burningHours hours the lamp has been on, in post time
 */
public record LuminaireState(Instant time, double level, double targetLevel, double powerWatts, double energyWattHours,
        boolean lampFailure, boolean gearFailure, double burningHours) {
}
