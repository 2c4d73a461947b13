package org.lampyris.conformance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.lampyris.api.Subscription;
import org.lampyris.api.point.InvalidValueException;
import org.lampyris.api.point.Point;
import org.lampyris.api.point.PointInfo;
import org.lampyris.api.point.Reading;
import org.lampyris.api.point.StandardPoint;
import org.lampyris.api.point.ValueKind;

/** Rules 2 to 5, on the points a bundle publishes. */
final class PointChecks {
    /** Values no actuator of a lamp post can take. */
    private static final double[] ABSURD = { 1e12, -1e12 };

    private final List<PublishedPoint> points;
    private final String vendorPrefix;
    private final Duration budget;

    /** A point service of the bundle under test, with its path. */
    record PublishedPoint(String path, Point point) {
    }

    PointChecks(List<PublishedPoint> points, String vendorPrefix, Duration budget) {
        this.points = points;
        this.vendorPrefix = vendorPrefix;
        this.budget = budget;
    }

    List<Violation> paths() {
        List<Violation> violations = new ArrayList<>();
        for (PublishedPoint p : points) {
            if (StandardPoint.forPath(p.path()).isEmpty() && !p.path().startsWith(vendorPrefix)) {
                violations.add(new Violation(Rule.POINT_PATHS, p.path() + " is neither a path of the vocabulary "
                        + "(org.lampyris.api.point.StandardPoint) nor under the vendor's prefix " + vendorPrefix));
            }
        }
        return violations;
    }

    List<Violation> units() {
        List<Violation> violations = new ArrayList<>();
        for (PublishedPoint p : points) {
            PointInfo info;
            try {
                info = p.point().info();
            } catch (RuntimeException e) {
                violations.add(new Violation(Rule.POINT_UNITS, p.path() + ": info() throws " + e));
                continue;
            }
            Optional<StandardPoint> standard = StandardPoint.forPath(p.path());
            if (standard.isPresent()) {
                PointInfo expected = standard.get().info();
                if (!expected.equals(info)) {
                    violations.add(new Violation(Rule.POINT_UNITS, p.path() + " is a standard point but declares "
                            + describe(info) + " instead of its standard " + describe(expected)
                            + "; return StandardPoint." + standard.get().name() + ".info()"));
                }
            } else if (info.kind() == ValueKind.NUMBER && !SenmlUnits.UNITS.contains(info.unit())) {
                violations.add(new Violation(Rule.POINT_UNITS, p.path() + " is a number with "
                        + (info.unit().isEmpty() ? "no unit" : "the unit '" + info.unit() + "'")
                        + ", which is not a SenML unit (RFC 8428, RFC 8798); a count is 'count', a ratio '/'"));
            }
            Reading reading = readQuietly(p.point());
            if (reading != null && reading.kind() != info.kind()) {
                violations.add(new Violation(Rule.POINT_UNITS, p.path() + " declares " + info.kind() + " but reads "
                        + reading.kind() + (info.kind() == ValueKind.STRUCTURED && reading.kind() == ValueKind.TEXT
                                ? ": return the structure itself (Reading.structured(...)), not JSON text; the "
                                        + "platform writes it as JSON, CBOR or text as the client asks"
                                : "")));
            }
        }
        return violations;
    }

    List<Violation> writes() {
        List<Violation> violations = new ArrayList<>();
        for (PublishedPoint p : points) {
            PointInfo info = p.point().info();
            if (!info.writable() || info.kind() != ValueKind.NUMBER) {
                continue;
            }
            Reading before = readQuietly(p.point());
            for (double absurd : ABSURD) {
                try {
                    p.point().write(Reading.of(absurd, Instant.now()));
                    violations.add(new Violation(Rule.WRITES_VALIDATE, p.path() + " accepted " + absurd
                            + "; refuse values out of range with InvalidValueException"));
                } catch (InvalidValueException expected) {
                    if (expected.getMessage() == null || expected.getMessage().isBlank()) {
                        violations.add(new Violation(Rule.WRITES_VALIDATE, p.path() + " refused " + absurd
                                + " without a reason; the message reaches the client"));
                    }
                } catch (Exception e) {
                    violations.add(new Violation(Rule.WRITES_VALIDATE, p.path() + " refused " + absurd + " with "
                            + e + " instead of InvalidValueException, so the client gets 5.00 instead of 4.00"));
                }
            }
            Reading after = readQuietly(p.point());
            if (before != null && after != null && !before.value().equals(after.value())) {
                violations.add(new Violation(Rule.WRITES_VALIDATE, p.path() + " changed from " + before.text()
                        + " to " + after.text() + " after refused writes"));
            }
        }
        return violations;
    }

    List<Violation> budget() {
        List<Violation> violations = new ArrayList<>();
        ExecutorService caller = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "lampyris-conformance");
            t.setDaemon(true);
            return t;
        });
        try {
            for (PublishedPoint p : points) {
                for (int i = 0; i < 3; i++) {
                    String late = timed(caller, () -> p.point().read(), "read()");
                    if (late != null) {
                        violations.add(new Violation(Rule.TIME_BUDGET, p.path() + ": " + late));
                        break;
                    }
                }
                if (p.point().info().observable()) {
                    String late = timed(caller, () -> {
                        Subscription s = p.point().observe(r -> { });
                        s.close();
                        return null;
                    }, "observe() and close()");
                    if (late != null) {
                        violations.add(new Violation(Rule.TIME_BUDGET, p.path() + ": " + late));
                    }
                }
            }
        } finally {
            caller.shutdownNow();
        }
        return violations;
    }

    private String timed(ExecutorService caller, java.util.concurrent.Callable<?> call, String what) {
        Future<?> result = caller.submit(call);
        try {
            result.get(budget.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (TimeoutException e) {
            result.cancel(true);
            return what + " did not return within the time budget of " + budget.toMillis() + " ms";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return what + " was interrupted";
        } catch (java.util.concurrent.ExecutionException e) {
            return null; // failing fast is the other rules' business; the budget is about time
        }
    }

    private static Reading readQuietly(Point point) {
        try {
            return point.read();
        } catch (Exception e) {
            return null;
        }
    }

    private static String describe(PointInfo info) {
        return "unit '" + info.unit() + "', " + info.kind() + ", rt " + info.resourceTypes()
                + (info.writable() ? ", writable" : "") + (info.observable() ? ", observable" : "");
    }
}
