package org.lampyris.ocpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class FrameTest {

    @Test
    void callsResultsAndErrorsReadAndWriteAsOcppJ() throws Exception {
        assertThat(Frame.parse("[2,\"19\",\"Heartbeat\",{}]")).isEqualTo(new Frame.Call("19", "Heartbeat", Map.of()));
        assertThat(Frame.parse("[3,\"19\",{\"currentTime\":\"x\"}]"))
                .isEqualTo(new Frame.Result("19", Map.of("currentTime", "x")));
        assertThat(Frame.parse("[4,\"19\",\"NotImplemented\",\"no\",{}]"))
                .isEqualTo(new Frame.Error("19", "NotImplemented", "no"));
        assertThat(new Frame.Call("1", "BootNotification", Map.of("a", 1)).text())
                .isEqualTo("[2,\"1\",\"BootNotification\",{\"a\":1}]");
        assertThat(new Frame.Error("1", "FormationViolation", "bad").text())
                .isEqualTo("[4,\"1\",\"FormationViolation\",\"bad\",{}]");
    }

    @Test
    void aMalformedCallIsRefusedWithItsIdWhenItCanBeRead() {
        assertThatThrownBy(() -> Frame.parse("[2,\"7\",\"Reset\",[]]")).isInstanceOfSatisfying(Frame.BadFrame.class,
                e -> assertThat(e.messageId()).isEqualTo("7"));
        assertThatThrownBy(() -> Frame.parse("{not json")).isInstanceOfSatisfying(Frame.BadFrame.class,
                e -> assertThat(e.messageId()).isNull());
    }
}
