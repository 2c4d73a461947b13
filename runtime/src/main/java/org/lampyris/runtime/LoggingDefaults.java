package org.lampyris.runtime;

/**
 * Defaults for slf4j-simple, the logging backend inside the framework: one line per event on standard output with
 * date, thread, level and logger. Any {@code -Dorg.slf4j.simpleLogger.*} given to the JVM wins.
 */
final class LoggingDefaults {
    private static final String PREFIX = "org.slf4j.simpleLogger.";

    private LoggingDefaults() {
    }

    static void apply() {
        setIfAbsent("logFile", "System.out");
        setIfAbsent("showDateTime", "true");
        setIfAbsent("dateTimeFormat", Log.DATE_FORMAT);
        setIfAbsent("showThreadName", "true");
        setIfAbsent("defaultLogLevel", "info");
        // Californium reports every dropped malformed datagram and every endpoint detail at INFO.
        setIfAbsent("log.org.eclipse.californium", "warn");
        // Leshan reports every registration update it triggers at INFO; the LwM2M bundle says what matters.
        setIfAbsent("log.org.eclipse.leshan", "warn");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(PREFIX + key) == null) {
            System.setProperty(PREFIX + key, value);
        }
    }
}
