package org.lampyris.tests.osgi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapObserveRelation;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lampyris.api.Subscription;
import org.lampyris.api.point.LiveValue;
import org.lampyris.api.point.Point;
import org.lampyris.api.point.PointInfo;
import org.lampyris.api.point.PointPath;
import org.lampyris.api.point.PointDirectory;
import org.lampyris.api.point.Reading;
import org.lampyris.api.point.RefusedPoint;
import org.lampyris.api.point.ValueKind;
import org.lampyris.testkit.Await;
import org.lampyris.testkit.CoapTestClient;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.test.common.annotation.InjectBundleContext;

/** Any bundle's {@link Point} service is published at its path for as long as it is registered. */
class PointWhiteboardTest {

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
        return register(path, point, 0);
    }

    private ServiceRegistration<Point> register(String path, Point point, int ranking) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(PointPath.PROPERTY, path);
        props.put(org.osgi.framework.Constants.SERVICE_RANKING, ranking);
        ServiceRegistration<Point> r = context.registerService(Point.class, point, props);
        registrations.add(r);
        return r;
    }

    private static PointInfo sensor() {
        return new PointInfo("Cel", List.of("test.temperature"), PointInfo.Interface.SENSOR, ValueKind.NUMBER, false,
                true, "Test temperature");
    }

    @Test
    void aPointAppearsWithItsServiceAndDisappearsTheMomentItIsUnregistered() throws Exception {
        LiveValue value = new LiveValue(Reading.of(21.5, Instant.now()));
        ServiceRegistration<Point> r = register("/vendor/test/temperature", new TestPoint(sensor(), value));

        Await.until("the point is published", () -> coap.discover("rt=test.temperature") != null
                && coap.discover("rt=test.temperature").contains("</vendor/test/temperature>"));
        assertThat(coap.get("/vendor/test/temperature").getResponseText()).isEqualTo("21.5");

        r.unregister();
        assertThat(coap.discover("")).doesNotContain("/vendor/test/temperature").doesNotContain("</vendor>");
        assertThat(coap.get("/vendor/test/temperature").getCode()).isEqualTo(ResponseCode.NOT_FOUND);
        assertThat(coap.get("/light/level").getCode()).isEqualTo(ResponseCode.CONTENT);
    }

    @Test
    void observersAreNotifiedOfChangesAndReceiveAFinalNotFoundWhenThePointGoes() throws Exception {
        LiveValue value = new LiveValue(Reading.of(1, Instant.now()));
        ServiceRegistration<Point> r = register("/vendor/test/observed", new TestPoint(sensor(), value));
        Await.until("the point is published",
                () -> coap.get("/vendor/test/observed").getCode() == ResponseCode.CONTENT);

        List<CoapResponse> notifications = new CopyOnWriteArrayList<>();
        CoapClient client = coap.client("/vendor/test/observed");
        CoapObserveRelation relation = client.observeAndWait(CoapTestClient.collecting(notifications::add));
        try {
            value.set(Reading.of(2, Instant.now()));
            Await.until("the change is notified", () -> notifications.stream()
                    .anyMatch(n -> "2".equals(n.getResponseText())));
            r.unregister();
            Await.until("the observer is told the point is gone", () -> notifications.stream()
                    .anyMatch(n -> n.getCode() == ResponseCode.NOT_FOUND));
        } finally {
            relation.proactiveCancel();
            client.shutdown();
        }
    }

    @Test
    void aPluginThatThrowsGivesItsClientAServerErrorWithAReasonAndOthersKeepAnswering() throws Exception {
        register("/vendor/test/broken", new TestPoint(sensor(), null) {
            @Override
            public Reading read() {
                throw new IllegalStateException("sensor bus timeout");
            }
        });
        Await.until("the point is published", () -> coap.discover("").contains("</vendor/test/broken>"));
        CoapResponse r = coap.get("/vendor/test/broken");
        assertThat(r.getCode()).isEqualTo(ResponseCode.INTERNAL_SERVER_ERROR);
        assertThat(r.getResponseText()).contains("sensor bus timeout");
        assertThat(coap.get("/light/level").getCode()).isEqualTo(ResponseCode.CONTENT);
    }

    @Test
    void aPluginThatHangsGivesItsClientAPromptServiceUnavailable() throws Exception {
        register("/vendor/test/hung", new TestPoint(sensor(), null) {
            @Override
            public Reading read() throws InterruptedException {
                Thread.sleep(60_000);
                return null;
            }
        });
        Await.until("the point is published", () -> coap.discover("").contains("</vendor/test/hung>"));
        long start = System.nanoTime();
        CoapResponse r = coap.get("/vendor/test/hung");
        assertThat(r.getCode()).isEqualTo(ResponseCode.SERVICE_UNAVAILABLE);
        assertThat(r.getResponseText()).contains("did not answer within");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(4_000);
    }

    @Test
    void aSecondPointAtATakenPathIsNotPublishedAndTheFirstKeepsAnswering() throws Exception {
        LiveValue first = new LiveValue(Reading.of(1, Instant.now()));
        register("/vendor/test/clash", new TestPoint(sensor(), first));
        Await.until("the first point is published", () -> coap.discover("").contains("</vendor/test/clash>"));
        register("/vendor/test/clash", new TestPoint(sensor(), new LiveValue(Reading.of(2, Instant.now()))));
        register("/Not A Path", new TestPoint(sensor(), first));
        assertThat(coap.get("/vendor/test/clash").getResponseText()).isEqualTo("1");
        assertThat(coap.discover("")).doesNotContain("Not");

        // The refusals are not only in the log: the directory and the engineer's health report name them
        ServiceReference<PointDirectory> reference = context.getServiceReference(PointDirectory.class);
        PointDirectory directory = context.getService(reference);
        try {
            assertThat(directory.refused()).extracting(RefusedPoint::path).contains("/vendor/test/clash",
                    "/Not A Path");
            assertThat(directory.refused()).filteredOn(r -> r.path().equals("/vendor/test/clash")).singleElement()
                    .satisfies(r -> {
                        assertThat(r.reason()).contains("already taken by service");
                        assertThat(r.bundle()).isEqualTo(context.getBundle().getSymbolicName());
                    });
        } finally {
            context.ungetService(reference);
        }
        String health = coap.get("/mgmt/health").getResponseText();
        assertThat(health).contains("\"status\":\"degraded\"").contains("\"refusedPoints\":[{\"path\":")
                .contains("/vendor/test/clash").contains("already taken by service");
    }

    @Test
    void whenTheVendorHoldingAPathGoesTheBestRefusedVendorTakesItOver() throws Exception {
        ServiceRegistration<Point> vendorA = register("/vendor/test/swap",
                new TestPoint(sensor(), new LiveValue(Reading.of(1, Instant.now()))));
        Await.until("vendor A is published", () -> "1".equals(coap.get("/vendor/test/swap").getResponseText()));
        register("/vendor/test/swap", new TestPoint(sensor(), new LiveValue(Reading.of(2, Instant.now()))), 0);
        register("/vendor/test/swap", new TestPoint(sensor(), new LiveValue(Reading.of(3, Instant.now()))), 10);
        assertThat(coap.get("/vendor/test/swap").getResponseText()).isEqualTo("1");

        vendorA.unregister();
        // the highest service ranking of the refused points wins the path
        assertThat(coap.get("/vendor/test/swap").getResponseText()).isEqualTo("3");
        assertThat(coap.discover("rt=test.temperature")).contains("</vendor/test/swap>");
    }

    @Test
    void aPluginThatReturnsNoValueGivesAServerErrorWithAReasonNotSilence() throws Exception {
        register("/vendor/test/empty", new TestPoint(sensor(), null) {
            @Override
            public Reading read() {
                return null;
            }
        });
        Await.until("the point is published", () -> coap.discover("").contains("</vendor/test/empty>"));
        for (int accept : new int[] { 0, 50, 110, 112 }) {
            CoapClient client = coap.client("/vendor/test/empty");
            try {
                CoapResponse r = client.get(accept);
                assertThat(r).as("an answer to Accept %d", accept).isNotNull();
                assertThat(r.getCode()).isEqualTo(ResponseCode.INTERNAL_SERVER_ERROR);
                assertThat(r.getResponseText()).contains("no value");
            } finally {
                client.shutdown();
            }
        }
    }

    @Test
    void aPluginThatNotifiesWhileHoldingTheLockItsReadNeedsIsNotBlockedAndObserversGetTheValue() throws Exception {
        Object lock = new Object();
        LiveValue value = new LiveValue(Reading.of(1, Instant.now()));
        register("/vendor/test/locked", new TestPoint(sensor(), value) {
            @Override
            public Reading read() throws Exception {
                synchronized (lock) {
                    return super.read();
                }
            }
        });
        Await.until("the point is published", () -> coap.get("/vendor/test/locked").getCode() == ResponseCode.CONTENT);
        List<CoapResponse> notifications = new CopyOnWriteArrayList<>();
        CoapClient client = coap.client("/vendor/test/locked");
        CoapObserveRelation relation = client.observeAndWait(CoapTestClient.collecting(notifications::add));
        try {
            for (int i = 2; i <= 5; i++) {
                synchronized (lock) { // a plugin that fires its change event under its own lock
                    value.set(Reading.of(i, Instant.now()));
                }
            }
            try {
                Await.until("the last change is notified", () -> notifications.stream()
                        .anyMatch(n -> "5".equals(n.getResponseText())));
            } catch (AssertionError e) { // show where the notification stopped
                StringBuilder dump = new StringBuilder("the observer received " + notifications.stream()
                        .map(n -> n.getCode() + ":" + n.getResponseText()).toList() + "\n");
                Thread.getAllStackTraces().forEach((t, st) -> {
                    dump.append("thread ").append(t.getName()).append(' ').append(t.getState()).append('\n');
                    for (StackTraceElement el : st) {
                        dump.append("    at ").append(el).append('\n');
                    }
                });
                System.out.println(dump);
                throw e;
            }
            assertThat(notifications).allSatisfy(n -> assertThat(n.getCode()).isEqualTo(ResponseCode.CONTENT));
        } finally {
            relation.proactiveCancel();
            client.shutdown();
        }
    }

    @Test
    void aPostInvokesThePointsActionAndAStructuredPointIsServedAsJsonAndCbor() throws Exception {
        PointInfo info = new PointInfo("", List.of("test.sessions"), PointInfo.Interface.SENSOR, ValueKind.STRUCTURED,
                false, true, "Test sessions", true);
        record Session(String id, int kWh) {
        }
        LiveValue sessions = new LiveValue(Reading.structured(List.of(), Instant.now()));
        register("/vendor/test/sessions", new TestPoint(info, sessions) {
            @Override
            public Reading post(Reading argument) throws Exception {
                if (argument.text().isBlank()) {
                    throw new org.lampyris.api.point.InvalidValueException("an identifier is needed");
                }
                Session session = new Session(argument.text(), 7);
                sessions.set(Reading.structured(List.of(session), Instant.now()));
                return Reading.structured(session, Instant.now());
            }
        });
        Await.until("the point is published", () -> coap.discover("").contains("</vendor/test/sessions>"));

        CoapClient client = coap.client("/vendor/test/sessions");
        try {
            CoapResponse started = client.post("card-42", 0);
            assertThat(started.getCode()).isEqualTo(ResponseCode.CHANGED);
            assertThat(started.getOptions().getContentFormat()).isEqualTo(50);
            assertThat(started.getResponseText()).isEqualTo("{\"id\":\"card-42\",\"kWh\":7}");
            CoapResponse refused = client.post("  ", 0);
            assertThat(refused.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
            assertThat(refused.getResponseText()).isEqualTo("an identifier is needed");
            CoapResponse json = client.get(50);
            assertThat(json.getResponseText()).isEqualTo("[{\"id\":\"card-42\",\"kWh\":7}]");
            CoapResponse cbor = client.get(60);
            assertThat(cbor.getOptions().getContentFormat()).isEqualTo(60);
            // [ {"id": "card-42", "kWh": 7} ]: an array of one map of two entries, a text and an unsigned integer
            assertThat(cbor.getPayload()).containsExactly(0x81, 0xa2, 0x62, 'i', 'd', 0x67, 'c', 'a', 'r', 'd', '-',
                    '4', '2', 0x63, 'k', 'W', 'h', 0x07);
        } finally {
            client.shutdown();
        }
        CoapClient level = coap.client("/light/level");
        try {
            CoapResponse post = level.post("1", 0);
            assertThat(post.getCode()).isEqualTo(ResponseCode.METHOD_NOT_ALLOWED);
            assertThat(post.getResponseText()).isEqualTo("/light/level has no action to POST to");
            CoapResponse delete = level.delete();
            assertThat(delete.getCode()).isEqualTo(ResponseCode.METHOD_NOT_ALLOWED);
            assertThat(delete.getResponseText()).as("every 4.xx says why").isEqualTo("DELETE is not allowed on /light/level");
        } finally {
            level.shutdown();
        }
    }

    @Test
    void aValueThePlatformCannotEncodeGetsAServerErrorWithAReasonNeverSilence() throws Exception {
        // a reading stamped at the end of time: fine as text, but no SenML time can express it
        LiveValue value = new LiveValue(Reading.of(1, Instant.now()));
        register("/vendor/late/time", new TestPoint(sensor(), value));
        Await.until("the point is published", () -> coap.discover("").contains("</vendor/late/time>"));
        List<CoapResponse> notifications = new CopyOnWriteArrayList<>();
        CoapClient observer = coap.client("/vendor/late/time");
        CoapObserveRelation relation = observer.observeAndWait(CoapTestClient.collecting(notifications::add), 110);
        try {
            value.set(Reading.of(2, Instant.MAX));
            for (int accept : new int[] { 110, 112 }) {
                CoapResponse r = get("/vendor/late/time", accept);
                assertThat(r).as("an answer to Accept %d", accept).isNotNull();
                assertThat(r.getCode()).isEqualTo(ResponseCode.INTERNAL_SERVER_ERROR);
                assertThat(r.getResponseText()).contains("/vendor/late/time").contains("ArithmeticException");
            }
            CoapResponse pack = get("/vendor/late", 110);
            assertThat(pack).as("an answer for the collection").isNotNull();
            assertThat(pack.getCode()).isEqualTo(ResponseCode.INTERNAL_SERVER_ERROR);
            assertThat(pack.getResponseText()).contains("/vendor/late").contains("ArithmeticException");
            Await.until("the observer is told, not left waiting", () -> notifications.stream()
                    .anyMatch(n -> n.getCode() == ResponseCode.INTERNAL_SERVER_ERROR));
            assertThat(get("/vendor/late/time", 0).getResponseText()).isEqualTo("2");
        } finally {
            relation.proactiveCancel();
            observer.shutdown();
        }
    }

    @Test
    void aWriteOrAnActionThatThrowsAnErrorGetsAServerErrorWithAReason() throws Exception {
        PointInfo info = new PointInfo("%", List.of("test.level"), PointInfo.Interface.ACTUATOR, ValueKind.NUMBER,
                true, true, "Test level", true);
        register("/vendor/test/faulty", new TestPoint(info, new LiveValue(Reading.of(1, Instant.now()))) {
            @Override
            public void write(Reading value) {
                throw new AssertionError("gear bus fault");
            }

            @Override
            public Reading post(Reading argument) {
                throw new UnsupportedOperationException();
            }
        });
        Await.until("the point is published", () -> coap.discover("").contains("</vendor/test/faulty>"));
        CoapResponse write = coap.put("/vendor/test/faulty", "10");
        assertThat(write.getCode()).isEqualTo(ResponseCode.INTERNAL_SERVER_ERROR);
        assertThat(write.getResponseText()).contains("gear bus fault");
        CoapClient client = coap.client("/vendor/test/faulty");
        try {
            CoapResponse act = client.post("5", 0);
            assertThat(act.getCode()).isEqualTo(ResponseCode.INTERNAL_SERVER_ERROR);
            assertThat(act.getResponseText()).contains("UnsupportedOperationException");
        } finally {
            client.shutdown();
        }
    }

    @Test
    void aWriteInAnotherUnitThanThePointsIsRefusedNamingBothUnitsAndNeverReachesThePlugin() throws Exception {
        PointInfo info = new PointInfo("%", List.of("test.level"), PointInfo.Interface.ACTUATOR, ValueKind.NUMBER,
                true, true, "Test level");
        LiveValue value = new LiveValue(Reading.of(50, Instant.now()));
        List<Reading> written = new CopyOnWriteArrayList<>();
        register("/vendor/test/dimmer", new TestPoint(info, value) {
            @Override
            public void write(Reading v) {
                written.add(v);
                value.set(v);
            }
        });
        Await.until("the point is published", () -> coap.discover("").contains("</vendor/test/dimmer>"));
        CoapClient client = coap.client("/vendor/test/dimmer");
        try {
            // SenML CBOR [{u: "W", v: 30}], with the integer labels of RFC 8428: u = 1, v = 2
            byte[] watts = { (byte) 0x81, (byte) 0xA2, 0x01, 0x61, 'W', 0x02, 0x18, 30 };
            CoapResponse cbor = client.put(watts, 112);
            assertThat(cbor.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
            assertThat(cbor.getResponseText()).contains("\"W\"").contains("\"%\"");
            CoapResponse senml = client.put("[{\"n\":\"dimmer\",\"u\":\"W\",\"v\":30}]", 110);
            assertThat(senml.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
            assertThat(senml.getResponseText()).contains("\"W\"").contains("\"%\"");
            CoapResponse json = client.put("{\"value\":30,\"unit\":\"W\"}", 50);
            assertThat(json.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
            assertThat(json.getResponseText()).contains("\"W\"");
            assertThat(written).isEmpty();

            byte[] percent = { (byte) 0x81, (byte) 0xA2, 0x01, 0x61, '%', 0x02, 0x18, 30 };
            assertThat(client.put(percent, 112).getCode()).isEqualTo(ResponseCode.CHANGED);
            assertThat(written).extracting(Reading::number).containsExactly(30.0);
            assertThat(client.get().getResponseText()).isEqualTo("30");
        } finally {
            client.shutdown();
        }
    }

    private CoapResponse get(String path, int accept) throws Exception {
        CoapClient client = coap.client(path);
        try {
            return client.get(accept);
        } finally {
            client.shutdown();
        }
    }

    /** A point backed by a {@link LiveValue}. */
    static class TestPoint implements Point {
        private final PointInfo info;
        private final LiveValue value;

        TestPoint(PointInfo info, LiveValue value) {
            this.info = info;
            this.value = value;
        }

        @Override
        public PointInfo info() {
            return info;
        }

        @Override
        public Reading read() throws Exception {
            return value.get();
        }

        @Override
        public Subscription observe(Consumer<Reading> listener) {
            return value == null ? () -> { } : value.subscribe(listener);
        }
    }
}
