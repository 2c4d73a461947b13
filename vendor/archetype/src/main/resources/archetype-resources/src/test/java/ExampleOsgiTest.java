package ${package};

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.lampyris.api.point.Point;
import org.lampyris.conformance.ConformanceSuite;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.test.common.annotation.InjectBundleContext;

/**
 * Your bundle inside Felix with the simulated hardware: its point is published as a service, and it keeps every rule
 * of the Lampyris conformance suite (one test per rule).
 */
class ExampleOsgiTest {
    private static final String BUNDLE = "${artifactId}";

    @InjectBundleContext
    BundleContext context;

    @Test
    void theExamplePointIsPublishedAndReads() throws Exception {
        ServiceReference<Point> reference = awaitPoint("/vendor/${vendor}/running");
        assertThat(reference.getBundle().getSymbolicName()).isEqualTo(BUNDLE);
        assertThat(context.getService(reference).read().number()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void theLampHoursFollowTheSimulatedLuminaire() throws Exception {
        Point lampHours = context.getService(awaitPoint("/vendor/${vendor}/lamp-hours"));
        assertThat(lampHours.info().observable()).isTrue();
        assertThat(lampHours.read().number()).isGreaterThanOrEqualTo(0);
    }

    private ServiceReference<Point> awaitPoint(String path) throws Exception {
        for (int i = 0; i < 100; i++) {
            var found = context.getServiceReferences(Point.class, "(lampyris.point.path=" + path + ")");
            if (!found.isEmpty()) {
                return found.iterator().next();
            }
            Thread.sleep(50);
        }
        throw new AssertionError(path + " was not published within 5 s");
    }

    @TestFactory
    Stream<DynamicTest> keepsTheConformanceRules() {
        return ConformanceSuite.forBundle(context, BUNDLE).vendorPrefix("/vendor/${vendor}/").tests();
    }
}
