package org.lampyris.conformance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.lampyris.api.point.Point;
import org.lampyris.api.point.PointPath;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * The conformance suite for one plugin bundle, run inside a framework where the platform and the simulated hardware
 * run too. {@link #tests()} gives one JUnit test per {@link Rule}; {@link #check(Rule)} gives the violations of one
 * rule, for tools.
 */
public final class ConformanceSuite {
    private final BundleContext context;
    private final String symbolicName;
    private String vendorPrefix = "/vendor/";
    private Duration budget = Duration.ofMillis(1000);
    private int cycles = 3;
    private Duration settle = Duration.ofSeconds(5);

    private ConformanceSuite(BundleContext context, String symbolicName) {
        this.context = context;
        this.symbolicName = symbolicName;
    }

    /**
     * @param context a bundle context of the test
     * @param symbolicName the plugin bundle to check; it must be installed and active
     */
    public static ConformanceSuite forBundle(BundleContext context, String symbolicName) {
        return new ConformanceSuite(context, symbolicName);
    }

    /** @param prefix the path prefix of the vendor's own points, e.g. {@code /vendor/acme/} (default {@code /vendor/}) */
    public ConformanceSuite vendorPrefix(String prefix) {
        if (!prefix.startsWith("/vendor/") || !prefix.endsWith("/")) {
            throw new IllegalArgumentException("a vendor prefix looks like /vendor/acme/, not " + prefix);
        }
        this.vendorPrefix = prefix;
        return this;
    }

    /** @param budget the time a handler may take, as the platform's handler.timeout.ms (default 1000 ms) */
    public ConformanceSuite timeBudget(Duration budget) {
        this.budget = budget;
        return this;
    }

    /** @param cycles stop-start cycles of rule 7; every second one updates the bundle (default 3) */
    public ConformanceSuite cycles(int cycles) {
        this.cycles = cycles;
        return this;
    }

    /** @return one test per rule, in the order of the rules; each fails listing every violation of its rule */
    public Stream<DynamicTest> tests() {
        return Stream.of(Rule.values()).map(rule -> DynamicTest.dynamicTest(rule.toString(), () -> {
            List<Violation> violations = check(rule);
            if (!violations.isEmpty()) {
                throw new AssertionError(symbolicName + " breaks " + rule + ":\n" + violations.stream()
                        .map(v -> "  - " + v.detail()).collect(Collectors.joining("\n")));
            }
        }));
    }

    /** @return the violations of every rule, rule by rule (the lifecycle last: it restarts the bundle) */
    public List<Violation> checkAll() throws InterruptedException {
        List<Violation> all = new ArrayList<>();
        for (Rule rule : Rule.values()) {
            all.addAll(check(rule));
        }
        return all;
    }

    /** @return the ways the bundle breaks one rule; empty when it keeps it */
    public List<Violation> check(Rule rule) throws InterruptedException {
        Bundle bundle = bundle();
        if (bundle.getState() != Bundle.ACTIVE) {
            return List.of(new Violation(rule, "the bundle is not active (state " + bundle.getState()
                    + "); it must start on the platform to be checked"));
        }
        PointChecks points = new PointChecks(points(bundle), vendorPrefix, budget);
        return switch (rule) {
            case API_IMPORTS -> ImportCheck.check(bundle);
            case POINT_PATHS -> points.paths();
            case POINT_UNITS -> points.units();
            case WRITES_VALIDATE -> points.writes();
            case TIME_BUDGET -> points.budget();
            case CAPABILITY_CONTRACT -> CapabilityCheck.check(capabilities(bundle), pointsByPath(bundle));
            case LIFECYCLE -> new LifecycleCheck(context, bundle, () -> paths(bundle), settle).check(cycles);
        };
    }

    private Bundle bundle() {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new IllegalStateException("no bundle " + symbolicName + " is installed; install it before the suite");
    }

    private List<PointChecks.PublishedPoint> points(Bundle bundle) {
        List<PointChecks.PublishedPoint> list = new ArrayList<>();
        pointsByPath(bundle).forEach((path, point) -> list.add(new PointChecks.PublishedPoint(path, point)));
        return list;
    }

    private Map<String, Point> pointsByPath(Bundle bundle) {
        Map<String, Point> byPath = new LinkedHashMap<>();
        for (ServiceReference<Point> r : references(Point.class)) {
            if (bundle.equals(r.getBundle())) {
                Point point = context.getService(r);
                if (point != null) {
                    byPath.put(String.valueOf(r.getProperty(PointPath.PROPERTY)), point);
                }
            }
        }
        return byPath;
    }

    private Set<String> paths(Bundle bundle) {
        Set<String> paths = new TreeSet<>();
        for (ServiceReference<Point> r : references(Point.class)) {
            if (bundle.equals(r.getBundle())) {
                paths.add(String.valueOf(r.getProperty(PointPath.PROPERTY)));
            }
        }
        return paths;
    }

    private List<Object> capabilities(Bundle bundle) {
        List<Object> services = new ArrayList<>();
        ServiceReference<?>[] registered = bundle.getRegisteredServices();
        if (registered != null) {
            for (ServiceReference<?> r : registered) {
                Object service = context.getService(r);
                if (service != null && !(service instanceof Point)) {
                    services.add(service);
                }
            }
        }
        return services;
    }

    private <S> List<ServiceReference<S>> references(Class<S> type) {
        try {
            return new ArrayList<>(context.getServiceReferences(type, null));
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
