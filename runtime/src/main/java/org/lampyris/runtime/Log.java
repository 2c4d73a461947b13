package org.lampyris.runtime;

import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The launcher's own log lines, in the same layout as the slf4j lines of the bundles, so that one log reads as one.
 */
final class Log {
    static final String DATE_FORMAT = "yyyy-MM-dd HH:mm:ss.SSS";
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern(DATE_FORMAT);

    Log() {
    }

    void info(String message) {
        write("INFO", message);
    }

    void warn(String message) {
        write("WARN", message);
    }

    /** Through whatever standard output is now, as slf4j-simple does: /mgmt/log keeps a copy of what passes there. */
    private static void write(String level, String message) {
        PrintStream out = System.out;
        out.println(FORMAT.format(LocalDateTime.now()) + " [main] " + level + " org.lampyris.runtime - " + message);
        out.flush();
    }
}
