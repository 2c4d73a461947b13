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
        ServiceReference<Point> reference = null;
        for (int i = 0; i < 100 && reference == null; i++) {
            var found = context.getServiceReferences(Point.class, "(lampyris.point.path=/vendor/${vendor}/running)");
            reference = found.isEmpty() ? null : found.iterator().next();
            if (reference == null) {
                Thread.sleep(50);
            }
        }
        assertThat(reference).as("the point service").isNotNull();
        assertThat(reference.getBundle().getSymbolicName()).isEqualTo(BUNDLE);
        assertThat(context.getService(reference).read().number()).isGreaterThanOrEqualTo(0);
    }

    @TestFactory
    Stream<DynamicTest> keepsTheConformanceRules() {
        return ConformanceSuite.forBundle(context, BUNDLE).vendorPrefix("/vendor/${vendor}/").tests();
    }
}
