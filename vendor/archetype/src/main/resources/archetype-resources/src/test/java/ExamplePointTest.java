package ${package};

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.lampyris.hal.TimeSource;

/** A plain unit test: the point against a clock the test moves by hand. */
class ExamplePointTest {

    @Test
    void readsTheSecondsSinceItStarted() throws Exception {
        Instant[] now = { Instant.parse("2026-12-21T18:00:00Z") };
        TimeSource clock = new TimeSource() {
            public Instant now() {
                return now[0];
            }

            public ZoneId zone() {
                return ZoneId.of("Europe/Amsterdam");
            }

            public double speed() {
                return 1;
            }
        };
        ExamplePoint point = new ExamplePoint(clock);
        now[0] = now[0].plus(Duration.ofSeconds(90));
        assertThat(point.read().number()).isEqualTo(90.0);
        assertThat(point.info().unit()).isEqualTo("s");
    }
}
