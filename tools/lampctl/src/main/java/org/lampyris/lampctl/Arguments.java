package org.lampyris.lampctl;

import java.time.Duration;
import java.util.Map;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * How lampctl reads the values on its command line. Each reader says what is wrong with a value it refuses; the
 * message the engineer sees adds the option and the value, or the command ({@link UsageErrors}).
 */
final class Arguments {
    private Arguments() {
    }

    /** Seconds, more than 0 and at most a day, with a fraction if need be: {@code 2.5}. */
    static final class Seconds implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                double s = Double.parseDouble(value);
                if (s > 0 && s <= 86_400) {
                    return Duration.ofMillis(Math.round(s * 1000));
                }
            } catch (NumberFormatException e) {
                // refused below
            }
            throw new TypeConversionException("expected seconds, more than 0");
        }
    }

    /** A whole number, more than 0. */
    static final class PositiveCount implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                int n = Integer.parseInt(value);
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // refused below
            }
            throw new TypeConversionException("expected a whole number, more than 0");
        }
    }

    /** The path of a point or collection on a post, from its root: {@code /light/level}. */
    static final class PointPath implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (!value.startsWith("/")) {
                throw new TypeConversionException("the path must start with /, not " + value);
            }
            return value;
        }
    }

    /** A bundle symbolic name, one segment of {@code /mgmt/bundles/BSN}. */
    static final class BundleName implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return segment(value, "a bundle symbolic name");
        }
    }

    /** A configuration PID, one segment of {@code /mgmt/config/PID}. */
    static final class ConfigurationPid implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return segment(value, "a bundle symbolic name or configuration PID");
        }
    }

    /** A JSON object, checked before anything is sent: {@code {"night.level": 40}}. */
    static final class JsonObject implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            Object parsed;
            try {
                parsed = Json.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
            if (!(parsed instanceof Map)) {
                throw new TypeConversionException("expected a JSON object, e.g. {\"night.level\": 40}");
            }
            return value;
        }
    }

    private static String segment(String value, String what) {
        if (value.isEmpty() || value.contains("/") || value.contains("?")) {
            throw new TypeConversionException(value + " is not " + what);
        }
        return value;
    }
}
