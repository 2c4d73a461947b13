package org.lampyris.hal.sim;

import java.time.Duration;
import java.time.Instant;

/**
 * When simulated vehicles come to the charge point: at most one a slot, with seeded arrival, stay and energy need,
 * as a pure function of the seed and the slot so that the same seed gives the same day.
 */
final class VehicleArrivals {

    /** A vehicle's visit. */
    record Visit(Instant arrival, Instant departure, double wantedWattHours) {
    }

    private final SeededNoise noise;
    private final double perDay;
    private final long slotSeconds;

    VehicleArrivals(SeededNoise noise, double perDay) {
        this.noise = noise;
        this.perDay = perDay;
        this.slotSeconds = perDay > 0 ? Math.max(60, (long) (86_400 / perDay)) : Long.MAX_VALUE;
    }

    /** @return the first visit arriving after an instant, or null when no vehicles come */
    Visit nextAfter(Instant after) {
        if (perDay <= 0) {
            return null;
        }
        long slot = Math.floorDiv(after.getEpochSecond(), slotSeconds);
        for (int i = 0; i < 3; i++, slot++) {
            Visit v = visit(slot);
            if (v.arrival().isAfter(after)) {
                return v;
            }
        }
        return visit(slot);
    }

    private Visit visit(long slot) {
        Instant arrival = Instant.ofEpochSecond(slot * slotSeconds + (long) noise.between(0, slotSeconds, slot, 1));
        Duration stay = Duration.ofMinutes((long) noise.between(30, 240, slot, 2));
        double wanted = noise.between(5_000, 40_000, slot, 3);
        return new Visit(arrival, arrival.plus(stay), wanted);
    }
}
