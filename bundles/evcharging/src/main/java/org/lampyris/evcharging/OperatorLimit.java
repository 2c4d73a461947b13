package org.lampyris.evcharging;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;

import org.lampyris.api.point.InvalidValueException;
import org.lampyris.api.point.LiveValue;
import org.lampyris.api.point.Reading;
import org.lampyris.hal.TimeSource;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The charging current an operator allows at most, within the 6-32 A that IEC 61851 allows at all. It is kept in
 * this plugin's own configuration in Configuration Admin, so that it survives a restart. Thread-safe.
 */
final class OperatorLimit {
    static final double MIN_AMPS = 6;
    static final double MAX_AMPS = 32;
    private static final Logger LOG = LoggerFactory.getLogger(OperatorLimit.class);

    private final ConfigurationAdmin configurationAdmin;
    private final TimeSource time;
    private final LiveValue value;

    /** @param configured the limit in the configuration; one outside the range is brought into it, with a warning */
    OperatorLimit(ConfigurationAdmin configurationAdmin, TimeSource time, double configured) {
        this.configurationAdmin = configurationAdmin;
        this.time = time;
        this.value = new LiveValue(Reading.of(inRange(configured), time.now()));
    }

    /** @return the limit, in A */
    double amps() {
        return value.get().number();
    }

    /** @return the limit, observable */
    LiveValue value() {
        return value;
    }

    /** Takes the limit from a changed configuration. */
    void configured(double amps) {
        value.set(Reading.of(inRange(amps), time.now()));
    }

    /**
     * Stores a limit an operator set, then applies it at once rather than when Configuration Admin reports it back.
     *
     * @throws InvalidValueException if it is outside 6-32 A
     * @throws IOException if Configuration Admin cannot store it; the limit is then unchanged
     */
    void set(double amps) throws InvalidValueException, IOException {
        if (!(amps >= MIN_AMPS && amps <= MAX_AMPS)) {
            throw new InvalidValueException("the current limit must be between " + format(MIN_AMPS) + " and "
                    + format(MAX_AMPS) + " A, got " + format(amps));
        }
        Configuration configuration = configurationAdmin.getConfiguration(EvChargingConfig.PID, "?");
        Dictionary<String, Object> properties = configuration.getProperties();
        if (properties == null) {
            properties = new Hashtable<>();
        }
        properties.put(EvChargingConfig.LIMIT_AMPS, amps);
        configuration.update(properties);
        value.set(Reading.of(amps, time.now()));
    }

    private static double inRange(double amps) {
        if (amps >= MIN_AMPS && amps <= MAX_AMPS) {
            return amps;
        }
        double clamped = Double.isNaN(amps) ? MAX_AMPS : Math.max(MIN_AMPS, Math.min(MAX_AMPS, amps));
        LOG.warn("Configured current limit {} A is outside {}-{} A: using {} A", amps, format(MIN_AMPS),
                format(MAX_AMPS), format(clamped));
        return clamped;
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : Double.toString(value);
    }
}
