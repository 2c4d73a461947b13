package org.lampyris.tests.osgi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lampyris.api.Subscription;
import org.lampyris.api.point.InvalidValueException;
import org.lampyris.api.point.PointDirectory;
import org.lampyris.api.point.Reading;
import org.lampyris.api.point.ValueKind;
import org.lampyris.testkit.Await;
import org.lampyris.testkit.CoapTestClient;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;

/**
 * A protocol bridge sees the post's points through the {@link PointDirectory} exactly as a CoAP client does: the same
 * values, its writes land where a CoAP client reads them, the same refusals, the same change notifications, and the
 * points of a plugin that stops leave the directory with it.
 */
class PointDirectoryTest {
    @InjectBundleContext
    BundleContext context;

    @InjectService
    PointDirectory directory;

    private CoapTestClient coap;
    private String levelBefore;

    @BeforeEach
    void setUp() throws Exception {
        coap = PostEndpoint.engineer(context);
        Await.until("the level point answers", () -> coap.answers("/light/level"));
        levelBefore = coap.get("/light/level").getResponseText();
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            Bundle dimming = FailSafeLightingTest.bundle(context, "org.lampyris.dimming");
            if (dimming.getState() != Bundle.ACTIVE) {
                dimming.start();
            }
            Await.until("the level point is back", () -> coap.answers("/light/level"));
            coap.put("/light/level", levelBefore); // the operator's level as the other tests found it
        } finally {
            coap.close();
        }
    }

    @Test
    void theDirectoryReadsWhatACoapGetAnswers() throws Exception {
        CoapResponse get = coap.get("/light/level");
        assertThat(get.getCode()).isEqualTo(ResponseCode.CONTENT);
        assertThat(directory.read("/light/level").text()).isEqualTo(get.getResponseText());
        assertThat(directory.read("/light/power").kind()).isEqualTo(ValueKind.NUMBER);
    }

    @Test
    void aLevelWrittenThroughTheDirectoryIsWhatCoapClientsRead() throws Exception {
        directory.write("/light/level", Reading.of(40, Instant.now()));
        assertThat(coap.get("/light/level").getResponseText()).isEqualTo("40");
        assertThat(directory.read("/light/level").number()).isEqualTo(40);
    }

    @Test
    void anOutOfRangeLevelIsRefusedAsOverCoapAndTheLampKeepsItsLevel() throws Exception {
        directory.write("/light/level", Reading.of(40, Instant.now()));
        assertThatThrownBy(() -> directory.write("/light/level", Reading.of(150, Instant.now())))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("between 0 and 100");
        CoapResponse put = coap.put("/light/level", "150");
        assertThat(put.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
        assertThat(coap.get("/light/level").getResponseText()).isEqualTo("40");
    }

    @Test
    void textForANumericPointIsRefusedAndTheLampKeepsItsLevel() throws Exception {
        directory.write("/light/level", Reading.of(40, Instant.now()));
        assertThatThrownBy(() -> directory.write("/light/level", Reading.of("bright", Instant.now())))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("NUMBER");
        assertThat(coap.get("/light/level").getResponseText()).isEqualTo("40");
    }

    @Test
    void theLampsPowerIsReadOnlyAndAnUnknownPathIsNamedInTheRefusal() {
        assertThatThrownBy(() -> directory.write("/light/power", Reading.of(5, Instant.now())))
                .isInstanceOf(UnsupportedOperationException.class).hasMessage("/light/power is read-only");
        assertThatThrownBy(() -> directory.read("/light/nowhere")).isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("/light/nowhere");
        assertThatThrownBy(() -> directory.write("/light/nowhere", Reading.of(5, Instant.now())))
                .isInstanceOf(NoSuchElementException.class).hasMessageContaining("/light/nowhere");
    }

    @Test
    void anObserverHearsALevelACoapClientWrites() throws Exception {
        directory.write("/light/level", Reading.of(40, Instant.now()));
        List<Double> heard = new CopyOnWriteArrayList<>();
        try (Subscription s = directory.observe("/light/level", v -> heard.add(v.number()))) {
            assertThat(coap.put("/light/level", "55").getCode()).isEqualTo(ResponseCode.CHANGED);
            Await.until("the observer hears 55", Duration.ofSeconds(5), () -> heard.contains(55.0));
        }
    }

    @Test
    void theDimmingPluginsPointsLeaveTheDirectoryWhenItStopsTheFailSafeShowsTheLevelAndListenersAreTold()
            throws Exception {
        assertThat(directory.points()).containsKeys("/light/level", "/light/power", "/air/pm25");
        assertThat(directory.points().get("/light/level").writable()).isTrue();
        AtomicInteger changes = new AtomicInteger();
        Bundle dimming = FailSafeLightingTest.bundle(context, "org.lampyris.dimming");
        try (Subscription s = directory.onPointsChanged(changes::incrementAndGet)) {
            dimming.stop();
            Await.until("the light points are gone", () -> !directory.points().containsKey("/light/power"));
            Await.until("the fail-safe shows the level it holds, read-only", () -> directory.points()
                    .containsKey("/light/level") && !directory.points().get("/light/level").writable());
            assertThat(directory.points()).doesNotContainKeys("/light/energy").containsKey("/air/pm25");
            assertThat(directory.read("/light/level").number()).as("the fail-safe level").isEqualTo(100.0);
            assertThatThrownBy(() -> directory.write("/light/level", Reading.of(30, Instant.now())))
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("no lighting plugin holds the luminaire");
            Await.until("the listener was told", () -> changes.get() > 0);
            int beforeRestart = changes.get();
            dimming.start();
            Await.until("the light points are back", () -> directory.points().containsKey("/light/power")
                    && directory.points().get("/light/level").writable());
            Await.until("the listener was told again", () -> changes.get() > beforeRestart);
        }
    }
}
