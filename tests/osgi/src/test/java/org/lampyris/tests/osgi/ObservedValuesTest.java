package org.lampyris.tests.osgi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lampyris.api.point.LiveValue;
import org.lampyris.api.point.Point;
import org.lampyris.api.point.PointInfo;
import org.lampyris.api.point.PointPath;
import org.lampyris.api.point.Reading;
import org.lampyris.api.point.ValueKind;
import org.lampyris.testkit.Await;
import org.lampyris.testkit.CoapTestClient;
import org.lampyris.tests.osgi.PointWhiteboardTest.TestPoint;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.test.common.annotation.InjectBundleContext;

/**
 * A GET of an observable point is answered from the value its plugin last reported, without a call into the plugin;
 * a point that is not observable is read on every GET; a writer reads its own write back; a point that goes takes its
 * value with it. (The endpoint reads an observable point again once its value is older than
 * {@code observed.value.max.age.ms}, by default one second.)
 */
class ObservedValuesTest {
    private static final long MAX_AGE_MILLIS = 1_000;

    @InjectBundleContext
    BundleContext context;

    private final List<ServiceRegistration<Point>> registrations = new ArrayList<>();
    private CoapTestClient coap;

    @BeforeEach
    void setUp() throws Exception {
        coap = PostEndpoint.engineer(context);
    }

    @AfterEach
    void tearDown() {
        registrations.forEach(r -> {
            try {
                r.unregister();
            } catch (IllegalStateException alreadyGone) {
                // unregistered by the test itself
            }
        });
        coap.close();
    }

    private ServiceRegistration<Point> register(String path, Point point) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(PointPath.PROPERTY, path);
        ServiceRegistration<Point> r = context.registerService(Point.class, point, props);
        registrations.add(r);
        return r;
    }

    private static PointInfo level(boolean observable) {
        return new PointInfo("%", List.of("test.level"), PointInfo.Interface.ACTUATOR, ValueKind.NUMBER, true,
                observable, "Test level");
    }

    /** A point that counts the reads the platform makes. */
    private static class CountedPoint extends TestPoint {
        final AtomicInteger reads = new AtomicInteger();

        CountedPoint(PointInfo info, LiveValue value) {
            super(info, value);
        }

        @Override
        public Reading read() throws Exception {
            reads.incrementAndGet();
            return super.read();
        }
    }

    @Test
    void getsOfAnObservablePointAreAnsweredFromTheReportedValueWithoutCallingThePlugin() throws Exception {
        LiveValue value = new LiveValue(Reading.of(12, Instant.now()));
        CountedPoint point = new CountedPoint(level(true), value);
        register("/vendor/cached/level", point);
        Await.until("the point answers", () -> "12".equals(coap.get("/vendor/cached/level").getResponseText()));

        int before = point.reads.get();
        long start = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            assertThat(coap.get("/vendor/cached/level").getResponseText()).isEqualTo("12");
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        // at most one read per maximum age (plus one for a boundary) in place of fifty
        assertThat(point.reads.get() - before).as("reads for 50 GETs in %d ms", millis)
                .isLessThanOrEqualTo((int) (millis / MAX_AGE_MILLIS) + 1);

        value.set(Reading.of(13, Instant.now())); // the plugin reports a change: the next GET has it
        assertThat(coap.get("/vendor/cached/level").getResponseText()).isEqualTo("13");
    }

    @Test
    void aPointThatIsNotObservableIsReadOnEveryGet() throws Exception {
        CountedPoint point = new CountedPoint(level(false), new LiveValue(Reading.of(5, Instant.now())));
        register("/vendor/uncached/level", point);
        Await.until("the point answers", () -> "5".equals(coap.get("/vendor/uncached/level").getResponseText()));
        int before = point.reads.get();
        for (int i = 0; i < 10; i++) {
            assertThat(coap.get("/vendor/uncached/level").getResponseText()).isEqualTo("5");
        }
        assertThat(point.reads.get() - before).isEqualTo(10);
    }

    @Test
    void aWriterReadsItsWriteBackEvenWhenThePluginReportsTheChangeLater() throws Exception {
        ScheduledExecutorService hardware = Executors.newSingleThreadScheduledExecutor();
        try {
            LiveValue value = new LiveValue(Reading.of(10, Instant.now()));
            // a driver that applies a write at once but reports it from its own thread, a while later
            register("/vendor/slow/level", new TestPoint(level(true), value) {
                private volatile Reading applied = value.get();

                @Override
                public Reading read() {
                    return applied;
                }

                @Override
                public void write(Reading v) {
                    applied = v;
                    hardware.schedule(() -> value.set(v), 3 * MAX_AGE_MILLIS, TimeUnit.MILLISECONDS);
                }
            });
            Await.until("the point answers", () -> "10".equals(coap.get("/vendor/slow/level").getResponseText()));
            for (int level = 20; level <= 40; level += 10) {
                assertThat(coap.put("/vendor/slow/level", Integer.toString(level)).getCode())
                        .isEqualTo(ResponseCode.CHANGED);
                assertThat(coap.get("/vendor/slow/level").getResponseText()).isEqualTo(Integer.toString(level));
            }
        } finally {
            hardware.shutdownNow();
        }
    }

    @Test
    void whenThePointGoesItsValueGoesWithItAndItsSuccessorAnswersItsOwn() throws Exception {
        ServiceRegistration<Point> first = register("/vendor/swap/level",
                new TestPoint(level(true), new LiveValue(Reading.of(1, Instant.now()))));
        Await.until("the first point answers", () -> "1".equals(coap.get("/vendor/swap/level").getResponseText()));
        first.unregister();
        CoapResponse gone = coap.get("/vendor/swap/level");
        assertThat(gone.getCode()).isEqualTo(ResponseCode.NOT_FOUND);

        register("/vendor/swap/level", new TestPoint(level(true), new LiveValue(Reading.of(2, Instant.now()))));
        assertThat(coap.get("/vendor/swap/level").getResponseText()).isEqualTo("2");
    }
}
