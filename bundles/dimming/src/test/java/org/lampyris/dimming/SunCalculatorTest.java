package org.lampyris.dimming;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Sunrise and sunset against published times (timeanddate.com / NOAA's calculator), within two minutes. */
class SunCalculatorTest {

    @ParameterizedTest(name = "{0} on {1}: sunrise {5}, sunset {6}")
    @CsvSource({
        // city,            date,       latitude,   longitude,    zone,                 sunrise,  sunset
        "Cupertino,        2024-01-01, 37.3229978, -122.0321823, America/Los_Angeles,  07:22:13, 17:00:33",
        "Amsterdam,        2024-06-21, 52.3676,    4.9041,       Europe/Amsterdam,     05:18:00, 22:06:00",
        "London,           2024-12-21, 51.5074,    -0.1278,      Europe/London,        08:04:00, 15:54:00",
        "Sydney,           2024-12-21, -33.8688,   151.2093,     Australia/Sydney,     05:41:00, 20:05:00",
        "Reykjavik,        2024-06-21, 64.1466,    -21.9426,     Atlantic/Reykjavik,   02:55:00, 00:03:00",
    })
    void sunriseAndSunsetMatchPublishedTimes(String city, LocalDate date, double latitude, double longitude,
            ZoneId zone, LocalTime sunrise, LocalTime sunset) {
        SunCalculator.SunTimes times = SunCalculator.on(date, latitude, longitude);
        assertThat(times.isPolar()).isFalse();
        assertWithin(times.sunrise(), date, sunrise, zone);
        // A sunset after local midnight belongs to the next local date.
        LocalDate sunsetDate = sunset.isBefore(LocalTime.of(3, 0)) ? date.plusDays(1) : date;
        assertWithin(times.sunset(), sunsetDate, sunset, zone);
    }

    private static void assertWithin(Instant actual, LocalDate date, LocalTime expected, ZoneId zone) {
        Instant published = date.atTime(expected).atZone(zone).toInstant();
        assertThat(Duration.between(published, actual).abs()).as("%s vs published %s", actual.atZone(zone), expected)
                .isLessThanOrEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void tromsoHasPolarNightAtMidwinterAndMidnightSunAtMidsummer() {
        assertThat(SunCalculator.on(LocalDate.parse("2024-12-21"), 69.6492, 18.9553).polar())
                .isEqualTo(SunCalculator.Polar.POLAR_NIGHT);
        assertThat(SunCalculator.on(LocalDate.parse("2024-06-21"), 69.6492, 18.9553).polar())
                .isEqualTo(SunCalculator.Polar.POLAR_DAY);
        assertThat(SunCalculator.on(LocalDate.parse("2024-03-20"), 69.6492, 18.9553).isPolar()).isFalse();
    }

    @Test
    void theSouthPoleHasItsPolarDayInDecember() {
        assertThat(SunCalculator.on(LocalDate.parse("2024-12-21"), -89.9, 0).polar())
                .isEqualTo(SunCalculator.Polar.POLAR_DAY);
        assertThat(SunCalculator.on(LocalDate.parse("2024-06-21"), -89.9, 0).polar())
                .isEqualTo(SunCalculator.Polar.POLAR_NIGHT);
    }
}
