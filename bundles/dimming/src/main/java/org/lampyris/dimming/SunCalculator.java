package org.lampyris.dimming;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Sunrise and sunset from NOAA's solar calculator (the algorithm of its "Solar Calculations" spreadsheet, after Meeus,
 * Astronomical Algorithms): apparent sunrise and sunset at sea level, with the standard 0.833° for refraction and the
 * sun's radius, accurate to about a minute between ±72° of latitude. Beyond the polar circles a date may have no
 * sunrise (polar night) or no sunset (polar day).
 */
final class SunCalculator {
    private static final double ZENITH = 90.833;

    private SunCalculator() {
    }

    /** What the sun does on one date at one place. */
    record SunTimes(LocalDate date, Instant sunrise, Instant sunset, Polar polar) {
        /** @return true if the sun neither rises nor sets that day */
        boolean isPolar() {
            return polar != Polar.NONE;
        }
    }

    /** Whether the date is a polar day or night. */
    enum Polar {
        NONE, POLAR_DAY, POLAR_NIGHT
    }

    /**
     * @param date the date, as a UTC calendar date
     * @param latitude degrees north
     * @param longitude degrees east
     * @return the sunrise and sunset of that UTC date, or which polar case applies
     */
    static SunTimes on(LocalDate date, double latitude, double longitude) {
        double julianDay = date.atStartOfDay(ZoneOffset.UTC).toEpochSecond() / 86400.0 + 2440587.5;
        double noonArgument = hourAngleArgument(julianDay + 0.5 - longitude / 360, latitude);
        if (noonArgument > 1) {
            return new SunTimes(date, null, null, Polar.POLAR_NIGHT);
        }
        if (noonArgument < -1) {
            return new SunTimes(date, null, null, Polar.POLAR_DAY);
        }
        Instant sunrise = event(true, julianDay, latitude, longitude);
        Instant sunset = event(false, julianDay, latitude, longitude);
        if (sunrise == null || sunset == null) {
            return new SunTimes(date, null, null, noonArgument > 0 ? Polar.POLAR_NIGHT : Polar.POLAR_DAY);
        }
        return new SunTimes(date, sunrise, sunset, Polar.NONE);
    }

    /** Two passes: the second evaluates the sun's position at the time the first found. */
    private static Instant event(boolean rise, double julianDay, double latitude, double longitude) {
        Double first = minutesUtc(rise, julianDay + 0.5 - longitude / 360, latitude, longitude);
        if (first == null) {
            return null;
        }
        Double second = minutesUtc(rise, julianDay + first / 1440, latitude, longitude);
        if (second == null) {
            return null;
        }
        long epochSecond = Math.round((julianDay - 2440587.5) * 86400 + second * 60);
        return Instant.ofEpochSecond(epochSecond);
    }

    /** @return minutes after 0h UTC of the Julian day's date, or null if the sun does not cross the horizon */
    private static Double minutesUtc(boolean rise, double julianDay, double latitude, double longitude) {
        double t = (julianDay - 2451545.0) / 36525.0;
        double argument = hourAngleArgument(julianDay, latitude);
        if (argument > 1 || argument < -1) {
            return null;
        }
        double hourAngle = Math.toDegrees(Math.acos(argument)) * (rise ? 1 : -1);
        double delta = longitude + hourAngle;
        return 720 - 4 * delta - equationOfTime(t);
    }

    /** The cosine of the sunrise hour angle; outside [-1, 1] the sun stays above or below the horizon. */
    private static double hourAngleArgument(double julianDay, double latitude) {
        double t = (julianDay - 2451545.0) / 36525.0;
        double lat = Math.toRadians(latitude);
        double declination = declination(t);
        return Math.cos(Math.toRadians(ZENITH)) / (Math.cos(lat) * Math.cos(declination))
                - Math.tan(lat) * Math.tan(declination);
    }

    private static double geometricMeanLongitude(double t) {
        double l0 = 280.46646 + t * (36000.76983 + t * 0.0003032);
        return ((l0 % 360) + 360) % 360;
    }

    private static double geometricMeanAnomaly(double t) {
        return 357.52911 + t * (35999.05029 - 0.0001537 * t);
    }

    private static double eccentricity(double t) {
        return 0.016708634 - t * (0.000042037 + 0.0000001267 * t);
    }

    private static double equationOfCentre(double t) {
        double m = Math.toRadians(geometricMeanAnomaly(t));
        return Math.sin(m) * (1.914602 - t * (0.004817 + 0.000014 * t)) + Math.sin(2 * m) * (0.019993 - 0.000101 * t)
                + Math.sin(3 * m) * 0.000289;
    }

    private static double apparentLongitude(double t) {
        double trueLongitude = geometricMeanLongitude(t) + equationOfCentre(t);
        double omega = 125.04 - 1934.136 * t;
        return trueLongitude - 0.00569 - 0.00478 * Math.sin(Math.toRadians(omega));
    }

    private static double obliquity(double t) {
        double seconds = 21.448 - t * (46.8150 + t * (0.00059 - t * 0.001813));
        double mean = 23.0 + (26.0 + seconds / 60.0) / 60.0;
        double omega = 125.04 - 1934.136 * t;
        return mean + 0.00256 * Math.cos(Math.toRadians(omega));
    }

    /** @return the sun's declination, in radians */
    private static double declination(double t) {
        double sinDeclination = Math.sin(Math.toRadians(obliquity(t))) * Math.sin(Math.toRadians(apparentLongitude(t)));
        return Math.asin(sinDeclination);
    }

    /** @return the equation of time, in minutes */
    private static double equationOfTime(double t) {
        double epsilon = Math.toRadians(obliquity(t));
        double l0 = Math.toRadians(geometricMeanLongitude(t));
        double e = eccentricity(t);
        double m = Math.toRadians(geometricMeanAnomaly(t));
        double y = Math.tan(epsilon / 2) * Math.tan(epsilon / 2);
        double eq = y * Math.sin(2 * l0) - 2 * e * Math.sin(m) + 4 * e * y * Math.sin(m) * Math.cos(2 * l0)
                - 0.5 * y * y * Math.sin(4 * l0) - 1.25 * e * e * Math.sin(2 * m);
        return Math.toDegrees(eq) * 4;
    }
}
