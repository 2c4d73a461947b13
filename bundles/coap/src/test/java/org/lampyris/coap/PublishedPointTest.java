package org.lampyris.coap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lampyris.api.point.InvalidValueException;
import org.lampyris.api.point.Point;
import org.lampyris.api.point.PointInfo;
import org.lampyris.api.point.Reading;
import org.lampyris.api.point.PointUnavailableException;
import org.lampyris.api.point.ValueKind;

/** The published point guards its plugin and answers the same, whichever protocol asks; it needs no CoAP stack. */
class PublishedPointTest {
    private final PluginCalls calls = new PluginCalls(200, 4, 16, 30);
    private final ScheduledExecutorService notifier = Executors.newSingleThreadScheduledExecutor();
    private final PointContext context = new PointContext(new PostIdentity("t"), calls, notifier, 0, 60_000,
            bundle -> Quarantine.NONE);
    /** What the quarantine was told, in order: "ok" or the failure. */
    private final List<String> told = new CopyOnWriteArrayList<>();
    private final Quarantine.Guard guard = new Quarantine.Guard() {
        @Override
        public void succeeded() {
            told.add("ok");
        }

        @Override
        public void failed(String what) {
            told.add(what);
        }
    };

    @AfterEach
    void tearDown() {
        calls.close();
        notifier.shutdownNow();
    }

    /** A session point: read-only, its action takes an identifier and answers the session started as a structure. */
    private static final class Sessions implements Point {
        final AtomicInteger started = new AtomicInteger();
        volatile Reading value = Reading.structured(List.of(), Instant.EPOCH);

        @Override
        public PointInfo info() {
            return new PointInfo("", List.of("vendor.sessions"), PointInfo.Interface.SENSOR, ValueKind.STRUCTURED,
                    false, false, "", true);
        }

        @Override
        public Reading read() {
            return value;
        }

        @Override
        public Reading post(Reading argument) throws InvalidValueException {
            if (argument.text().isBlank()) {
                throw new InvalidValueException("an identifier is needed");
            }
            started.incrementAndGet();
            return Reading.structured(Map.of("id", argument.text()), Instant.EPOCH);
        }
    }

    private PublishedPoint publish(Point point) throws Exception {
        return new PublishedPoint("/ev/sessions", point, point.info(), context, guard);
    }

    @Test
    void anActionTakesTextForAStructuredPointAndAnswersWhatThePluginStarted() throws Exception {
        Sessions sessions = new Sessions();
        PublishedPoint point = publish(sessions);
        Reading answer = point.post(Reading.of("card-7", Instant.now()));
        assertThat(answer.kind()).isEqualTo(ValueKind.STRUCTURED);
        assertThat(answer.text()).contains("card-7");
        assertThatThrownBy(() -> point.post(Reading.of(7, Instant.now()))).isInstanceOf(InvalidValueException.class)
                .hasMessage("/ev/sessions takes a TEXT value, not NUMBER");
        assertThat(sessions.started).hasValue(1);
    }

    @Test
    void aWriteToAReadOnlyPointAndAnActionOnAPointWithoutOneAreRefusedByName() throws Exception {
        PublishedPoint sessions = publish(new Sessions());
        assertThatThrownBy(() -> sessions.write(Reading.of("x", Instant.now())))
                .isInstanceOf(UnsupportedOperationException.class).hasMessage("/ev/sessions is read-only");
        PublishedPoint gauge = publish(new Point() {
            @Override
            public PointInfo info() {
                return new PointInfo("W", List.of("vendor.gauge"), PointInfo.Interface.SENSOR, ValueKind.NUMBER,
                        false, false, "");
            }

            @Override
            public Reading read() {
                return Reading.of(12, Instant.EPOCH);
            }
        });
        assertThatThrownBy(() -> gauge.post(Reading.of(1, Instant.now())))
                .isInstanceOf(UnsupportedOperationException.class).hasMessage("/ev/sessions has no action to POST to");
        assertThat(told).as("refused before the plugin was called").isEmpty();
    }

    @Test
    void theQuarantineCountsAMissingValueAsAFailureAndARefusedArgumentAsTheClientsFault() throws Exception {
        Sessions sessions = new Sessions();
        PublishedPoint point = publish(sessions);
        sessions.value = null;
        assertThatThrownBy(point::read).isInstanceOf(IllegalStateException.class).hasMessageContaining("no value");
        assertThatThrownBy(() -> point.post(Reading.of(" ", Instant.now()))).isInstanceOf(InvalidValueException.class)
                .hasMessage("an identifier is needed");
        assertThat(told).containsExactly("/ev/sessions returned no value", "ok");
    }

    @Test
    void aPointWithoutAValidValueIsAStateOfItsSensorNotAFailureOfItsPlugin() throws Exception {
        Point stuck = new Point() {
            @Override
            public PointInfo info() {
                return new PointInfo("ug/m3", List.of("air.pm25"), PointInfo.Interface.SENSOR, ValueKind.NUMBER,
                        false, true, "");
            }

            @Override
            public Reading read() throws PointUnavailableException {
                throw new PointUnavailableException("PM2.5 unavailable (stuck at 999 for 10 min)");
            }
        };
        PublishedPoint point = publish(stuck);
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(point::read).isInstanceOf(PointUnavailableException.class)
                    .hasMessage("PM2.5 unavailable (stuck at 999 for 10 min)");
        }
        assertThat(told).as("never counted towards quarantine").containsExactly("ok", "ok", "ok");
    }

    @Test
    void aWithdrawnPointAnswersNoReadAndNoActionWithoutCallingThePlugin() throws Exception {
        Sessions sessions = new Sessions();
        PublishedPoint point = publish(sessions);
        point.withdraw();
        assertThatThrownBy(point::read).isInstanceOf(PointWithdrawnException.class);
        assertThatThrownBy(() -> point.post(Reading.of("card-7", Instant.now())))
                .isInstanceOf(PointWithdrawnException.class);
        assertThat(sessions.started).hasValue(0);
        assertThat(told).isEmpty();
    }
}
