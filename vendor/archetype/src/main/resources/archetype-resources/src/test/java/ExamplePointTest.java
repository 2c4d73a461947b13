package ${package};

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.lampyris.testkit.ManualTime;

/** A plain unit test: the point against a clock the test moves by hand (the platform's test kit). */
class ExamplePointTest {

    @Test
    void readsTheSecondsSinceItStarted() throws Exception {
        ManualTime clock = ManualTime.at("2026-12-21T18:00:00Z");
        ExamplePoint point = new ExamplePoint(clock);
        clock.advance(Duration.ofSeconds(90));
        assertThat(point.read().number()).isEqualTo(90.0);
        assertThat(point.info().unit()).isEqualTo("s");
    }
}
