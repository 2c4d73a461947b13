package org.lampyris.conformance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Rule 7: a bundle that is stopped leaves nothing running, and one that is started or updated again publishes the same
 * services and points as before. A thread that still runs the bundle's code after it stopped is a leak; so is a
 * service or point that does not come back, or comes back twice.
 */
final class LifecycleCheck {
    private final BundleContext context;
    private final Bundle bundle;
    private final Supplier<Set<String>> paths;
    private final Duration settle;

    LifecycleCheck(BundleContext context, Bundle bundle, Supplier<Set<String>> paths, Duration settle) {
        this.context = context;
        this.bundle = bundle;
        this.paths = paths;
        this.settle = settle;
    }

    List<Violation> check(int cycles) throws InterruptedException {
        List<Violation> violations = new ArrayList<>();
        Set<String> classes = classesOf(bundle);
        Set<String> pointsBefore = new TreeSet<>(paths.get());
        int servicesBefore = services();
        try {
            for (int cycle = 1; cycle <= cycles && violations.isEmpty(); cycle++) {
                bundle.stop();
                List<String> leaked = awaitNoThreadsRunning(classes);
                for (String thread : leaked) {
                    violations.add(new Violation(Rule.LIFECYCLE, "stop " + cycle + ": " + thread
                            + "; stop every thread and executor in @Deactivate"));
                }
                boolean update = cycle % 2 == 0 && update();
                if (bundle.getState() != Bundle.ACTIVE) {
                    bundle.start();
                }
                String what = (update ? "update " : "start ") + cycle;
                if (!await(() -> paths.get().equals(pointsBefore) && services() == servicesBefore)) {
                    violations.add(new Violation(Rule.LIFECYCLE, what + ": publishes " + services()
                            + " services and the points " + new TreeSet<>(paths.get()) + ", before it published "
                            + servicesBefore + " services and the points " + pointsBefore));
                }
            }
        } catch (BundleException e) {
            violations.add(new Violation(Rule.LIFECYCLE, "the bundle did not stop or start again: " + e.getMessage()));
        } finally {
            if (bundle.getState() != Bundle.ACTIVE && bundle.getState() != Bundle.UNINSTALLED) {
                try {
                    bundle.start();
                } catch (BundleException e) {
                    violations.add(new Violation(Rule.LIFECYCLE, "the bundle could not be started again: "
                            + e.getMessage()));
                }
            }
        }
        return violations;
    }

    /** Updates the bundle from its location and refreshes it; false when its location cannot be read. */
    private boolean update() throws BundleException, InterruptedException {
        try {
            bundle.update();
        } catch (BundleException e) {
            if (e.getType() == BundleException.READ_ERROR || e.getCause() instanceof java.io.IOException) {
                return false; // installed from a stream: start and stop only
            }
            throw e;
        }
        CountDownLatch refreshed = new CountDownLatch(1);
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(List.of(bundle), event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                refreshed.countDown();
            }
        });
        refreshed.await(settle.toMillis(), TimeUnit.MILLISECONDS);
        return true;
    }

    private int services() {
        var registered = bundle.getRegisteredServices();
        return registered == null ? 0 : registered.length;
    }

    private List<String> awaitNoThreadsRunning(Set<String> classes) throws InterruptedException {
        List<String> running = threadsRunning(classes);
        long deadline = System.nanoTime() + settle.toNanos();
        while (!running.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            running = threadsRunning(classes);
        }
        return running;
    }

    private static List<String> threadsRunning(Set<String> classes) {
        List<String> running = new ArrayList<>();
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            if (e.getKey() == Thread.currentThread() || !e.getKey().isAlive()) {
                continue;
            }
            for (StackTraceElement frame : e.getValue()) {
                if (classes.contains(frame.getClassName())) {
                    running.add("thread '" + e.getKey().getName() + "' still runs " + frame.getClassName() + "."
                            + frame.getMethodName());
                    break;
                }
            }
        }
        return running;
    }

    private boolean await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + settle.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    /** @return the names of the classes inside the bundle, e.g. com.acme.Dimmer$1 */
    static Set<String> classesOf(Bundle bundle) {
        Set<String> classes = new HashSet<>();
        Enumeration<java.net.URL> entries = bundle.findEntries("/", "*.class", true);
        while (entries != null && entries.hasMoreElements()) {
            String path = entries.nextElement().getPath();
            String name = path.startsWith("/") ? path.substring(1) : path;
            if (!name.startsWith("META-INF/") && !name.startsWith("OSGI-INF/")) {
                classes.add(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
            }
        }
        return classes;
    }
}
