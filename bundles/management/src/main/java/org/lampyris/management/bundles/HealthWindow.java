package org.lampyris.management.bundles;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.lampyris.api.point.Point;
import org.lampyris.api.point.PointPath;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * Watches a newly applied bundle: it must become healthy (active, every enabled component active, every point it
 * registers answering a read) within the timeout, then stay healthy for the whole window. A bundle that is not
 * active or a component whose activation failed ends the window at once.
 */
final class HealthWindow {
    /** How the bundle fared: {@code null} reason when it is healthy. */
    record Verdict(boolean decisive, String reason) {
        static final Verdict HEALTHY = new Verdict(false, null);

        boolean healthy() {
            return reason == null;
        }
    }

    private final BundleContext context;
    private final ServiceComponentRuntime scr;
    private final ExecutorService reads;
    private final long timeoutMillis;
    private final long windowMillis;
    private final long readTimeoutMillis;

    HealthWindow(BundleContext context, ServiceComponentRuntime scr, ExecutorService reads, long timeoutMillis,
            long windowMillis, long readTimeoutMillis) {
        this.context = context;
        this.scr = scr;
        this.reads = reads;
        this.timeoutMillis = timeoutMillis;
        this.windowMillis = windowMillis;
        this.readTimeoutMillis = readTimeoutMillis;
    }

    /** @return {@code null} when the bundle stayed healthy through the window, otherwise why not */
    String watch(Bundle bundle) throws InterruptedException {
        long start = System.nanoTime();
        long healthySince = -1;
        Verdict verdict;
        while (true) {
            verdict = check(bundle);
            long now = System.nanoTime();
            if (verdict.healthy()) {
                healthySince = healthySince < 0 ? now : healthySince;
                if (now - healthySince >= TimeUnit.MILLISECONDS.toNanos(windowMillis)) {
                    return null;
                }
            } else if (verdict.decisive() || healthySince >= 0
                    || now - start >= TimeUnit.MILLISECONDS.toNanos(timeoutMillis)) {
                return verdict.reason();
            }
            Thread.sleep(Math.min(100, Math.max(10, windowMillis / 10)));
        }
    }

    Verdict check(Bundle bundle) {
        if (bundle.getState() != Bundle.ACTIVE) {
            return new Verdict(true, "the bundle is " + BundleStates.name(bundle.getState()) + ", not ACTIVE");
        }
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs(bundle)) {
            if (!scr.isComponentEnabled(description)) {
                continue;
            }
            for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(description)) {
                switch (c.state) {
                case ComponentConfigurationDTO.FAILED_ACTIVATION:
                    return new Verdict(true, "component " + description.name + " failed to activate: " + c.failure);
                case ComponentConfigurationDTO.UNSATISFIED_REFERENCE:
                    return new Verdict(false, "component " + description.name + " lacks "
                            + String.join(", ", java.util.Arrays.stream(c.unsatisfiedReferences)
                                    .map(r -> r.name + " (" + r.target + ")").toList()));
                case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION:
                    return new Verdict(false, "component " + description.name + " has no configuration");
                case ComponentConfigurationDTO.SATISFIED:
                    // A delayed component activates when first used: use it, so that a failure shows now.
                    activate(c.id);
                    break;
                default:
                    break;
                }
            }
        }
        for (ServiceReference<?> ref : pointsOf(bundle)) {
            String failure = read(ref);
            if (failure != null) {
                return new Verdict(false, failure);
            }
        }
        return Verdict.HEALTHY;
    }

    private void activate(long componentId) {
        try {
            ServiceReference<?>[] refs = context.getAllServiceReferences(null, "(component.id=" + componentId + ")");
            if (refs != null && refs.length > 0) {
                context.getService(refs[0]);
                context.ungetService(refs[0]);
            }
        } catch (RuntimeException | org.osgi.framework.InvalidSyntaxException e) {
            // the next check reports the component's state
        }
    }

    private static List<ServiceReference<?>> pointsOf(Bundle bundle) {
        List<ServiceReference<?>> points = new ArrayList<>();
        ServiceReference<?>[] registered = bundle.getRegisteredServices();
        if (registered != null) {
            for (ServiceReference<?> ref : registered) {
                if (List.of((String[]) ref.getProperty(Constants.OBJECTCLASS)).contains(Point.class.getName())) {
                    points.add(ref);
                }
            }
        }
        return points;
    }

    private String read(ServiceReference<?> ref) {
        String path = String.valueOf(ref.getProperty(PointPath.PROPERTY));
        Object service = context.getService(ref);
        if (!(service instanceof Point point)) {
            return "point " + path + " is not available";
        }
        try {
            Future<?> reading = reads.submit(() -> point.read());
            reading.get(readTimeoutMillis, TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            return "point " + path + " did not answer: " + e.getCause();
        } catch (TimeoutException e) {
            return "point " + path + " did not answer within " + readTimeoutMillis + " ms";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } finally {
            context.ungetService(ref);
        }
    }
}
