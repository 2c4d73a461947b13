package org.lampyris.airquality;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the air-quality plugin. */
@ObjectClassDefinition(id = AirQualityConfig.PID, name = "Lampyris air quality",
        description = "Samples the post's air sensors, checks their health, keeps hourly and daily means, computes "
                + "the European Air Quality Index and raises threshold alerts.")
public @interface AirQualityConfig {

    /** The configuration PID. */
    String PID = "org.lampyris.airquality";

    @AttributeDefinition(name = "Sampling period (s)",
            description = "Seconds of post time between two samples of the air sensors.", min = "1", max = "3600")
    long period_seconds() default 60;

    @AttributeDefinition(name = "Stuck after (samples)",
            description = "A channel whose value is the same in this many consecutive samples is reported stuck and "
                    + "its readings are withheld until the value changes. Keep it longer than the sensor's own "
                    + "averaging time. 0 turns the check off.", min = "0", max = "1000")
    int stuck_samples() default 10;

    @AttributeDefinition(name = "Lowest plausible concentration (ug/m3)",
            description = "A PM1, PM2.5, PM10, NO2 or O3 reading below this is out of range and withheld.")
    double concentration_min() default 0;

    @AttributeDefinition(name = "Highest plausible concentration (ug/m3)",
            description = "A PM1, PM2.5, PM10, NO2 or O3 reading above this is out of range and withheld.")
    double concentration_max() default 1000;

    @AttributeDefinition(name = "Lowest plausible temperature (Cel)",
            description = "A temperature reading below this is out of range and withheld.")
    double temperature_min() default -40;

    @AttributeDefinition(name = "Highest plausible temperature (Cel)",
            description = "A temperature reading above this is out of range and withheld.")
    double temperature_max() default 60;

    @AttributeDefinition(name = "Lowest plausible humidity (%RH)",
            description = "A relative humidity reading below this is out of range and withheld.")
    double humidity_min() default 0;

    @AttributeDefinition(name = "Highest plausible humidity (%RH)",
            description = "A relative humidity reading above this is out of range and withheld.")
    double humidity_max() default 100;

    @AttributeDefinition(name = "Coverage of a mean (%)",
            description = "A rolling mean is known only once valid samples cover at least this share of its window: "
                    + "75 % is the EU Air Quality Directive's rule for aggregating data (45 minutes of an hour, 18 "
                    + "hours of a day). 0 gives a mean from the first valid sample.", min = "0", max = "100")
    double mean_coverage_percent() default 75;

    @AttributeDefinition(name = "Alert thresholds",
            description = "pollutant/mean=limit in ug/m3: an alert starts when that rolling mean exceeds the limit. "
                    + "Pollutants pm1, pm25, pm10, no2, o3; means 1h, 24h. Defaults: the EU limit values for NO2 "
                    + "(hourly) and PM10 (daily), the EU daily PM2.5 limit of Directive 2024/2881, and the EU "
                    + "information threshold for ozone (hourly).")
    String[] thresholds() default { "no2/1h=200", "pm10/24h=50", "pm25/24h=25", "o3/1h=180" };

    @AttributeDefinition(name = "Alert hysteresis (%)",
            description = "An alert ends when its mean falls more than this share below the limit, so that a mean "
                    + "hovering at the limit does not start and end alerts at every sample.", min = "0",
            max = "50")
    double alert_hysteresis_percent() default 5;
}
