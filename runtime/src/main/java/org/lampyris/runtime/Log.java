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
    private final PrintStream out;

    Log(PrintStream out) {
        this.out = out;
    }

    void info(String message) {
        out.println(FORMAT.format(LocalDateTime.now()) + " [main] INFO org.lampyris.runtime - " + message);
        out.flush();
    }

    void warn(String message) {
        out.println(FORMAT.format(LocalDateTime.now()) + " [main] WARN org.lampyris.runtime - " + message);
        out.flush();
    }
}
