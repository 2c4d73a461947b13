package org.lampyris.dimming;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * What the light should be at an instant by the astronomical clock and the night profile alone: off by day, on from
 * dusk (sunset plus an offset) to dawn (sunrise plus an offset) at the profile's level. Through a polar night the
 * light stays on; through a polar day, off.
 *
 * @param latitude degrees north
 * @param longitude degrees east
 * @param zone the post's time zone, for the profile's local times
 * @param duskOffset added to sunset: positive switches on later
 * @param dawnOffset added to sunrise: positive switches off later
 * @param profile the night's steps
 * @param dayLevel the level by day, normally 0
 */
record LightPlan(double latitude, double longitude, ZoneId zone, Duration duskOffset, Duration dawnOffset,
        NightProfile profile, double dayLevel) {

    /** A planned level and why, for the log and for tests. */
    record Planned(double level, boolean night, String reason) {
    }

    Planned at(Instant instant) {
        boolean night = isNight(instant);
        if (!night) {
            return new Planned(dayLevel, false, "day");
        }
        double level = profile.levelAt(instant.atZone(zone).toLocalTime());
        return new Planned(level, true, "night profile");
    }

    /**
     * Night is between a dusk and the following dawn. Both are looked up around the instant's UTC date, since a
     * local night spans two dates and, far from Greenwich, a sunset can fall on the next UTC date.
     */
    boolean isNight(Instant instant) {
        LocalDate day = instant.atOffset(ZoneOffset.UTC).toLocalDate();
        SunCalculator.SunTimes today = SunCalculator.on(day, latitude, longitude);
        if (today.polar() == SunCalculator.Polar.POLAR_NIGHT) {
            return true;
        }
        if (today.polar() == SunCalculator.Polar.POLAR_DAY) {
            return false;
        }
        // Find the latest dawn or dusk at or before the instant among yesterday, today and tomorrow.
        Instant latest = null;
        boolean latestIsDusk = false;
        for (int d = -1; d <= 1; d++) {
            SunCalculator.SunTimes times = SunCalculator.on(day.plusDays(d), latitude, longitude);
            if (times.isPolar()) {
                continue;
            }
            Instant dawn = times.sunrise().plus(dawnOffset);
            Instant dusk = times.sunset().plus(duskOffset);
            if (!dawn.isAfter(instant) && (latest == null || dawn.isAfter(latest))) {
                latest = dawn;
                latestIsDusk = false;
            }
            if (!dusk.isAfter(instant) && (latest == null || dusk.isAfter(latest))) {
                latest = dusk;
                latestIsDusk = true;
            }
        }
        return latest != null && latestIsDusk;
    }
}
