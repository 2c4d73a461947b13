package org.lampyris.management.log;

import java.io.PrintStream;
import java.util.List;

import org.lampyris.api.management.ManagementRequest;
import org.lampyris.api.management.ManagementResource;
import org.lampyris.api.management.ManagementResponse;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * {@code /mgmt/log}: the most recent log lines, oldest first; {@code ?lines=N} for the last N. The post logs to its
 * standard output (slf4j-simple, which looks up {@code System.out} at every line); this resource keeps a copy of the
 * last {@value #KEPT} lines in memory as they pass, from its activation on.
 */
@Component(service = ManagementResource.class, property = ManagementResource.NAME + "=log")
public class LogResource implements ManagementResource {
    static final int KEPT = 500;
    /** Lines sent at most by default: about what one block-wise answer of a few KiB holds. */
    static final int DEFAULT_LINES = 50;

    private final LogTail tail = new LogTail(KEPT);
    private PrintStream original;
    private PrintStream tee;

    @Activate
    void activate() {
        original = System.out;
        tee = tail.tee(original);
        System.setOut(tee);
    }

    @Deactivate
    void deactivate() {
        if (System.out == tee) { // put back only what we replaced; someone may have wrapped us since
            System.setOut(original);
        }
    }

    @Override
    public ManagementResponse handle(ManagementRequest request) {
        if (!request.path().isEmpty()) {
            return ManagementResponse.text(404, "/mgmt/log has no sub-resources");
        }
        if (!request.method().equals("GET")) {
            return ManagementResponse.text(405, request.method() + " /mgmt/log: the log is read-only (GET)");
        }
        int lines = DEFAULT_LINES;
        String asked = request.query().get("lines");
        if (asked != null) {
            try {
                lines = Integer.parseInt(asked);
            } catch (NumberFormatException e) {
                lines = -1;
            }
            if (lines < 1 || lines > KEPT) {
                return ManagementResponse.text(400, "lines=" + asked + ": give a whole number from 1 to " + KEPT);
            }
        }
        List<String> last = tail.last(lines);
        return ManagementResponse.text(205, last.isEmpty() ? "" : String.join("\n", last) + "\n");
    }
}
