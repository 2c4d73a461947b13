package org.lampyris.hal.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SerialLineTest {

    @Test
    void lineSettingsBecomeJSerialCommsConstantsAndBadOnesAreNamed() {
        SerialLine line = SerialLine.of("/dev/ttyUSB0", 19200, 8, "Even", 1);
        assertThat(line.parity()).isEqualTo(2);
        assertThat(line.stopBits()).isEqualTo(1);
        assertThat(line).hasToString("/dev/ttyUSB0 19200 8E1");
        assertThat(SerialLine.of("/dev/ttyAMA0", 9600, 8, "none", 2).stopBits()).isEqualTo(3);
        assertThatThrownBy(() -> SerialLine.of("/dev/ttyUSB0", 9600, 8, "mark", 1)).hasMessageContaining("'parity'");
        assertThatThrownBy(() -> SerialLine.of("/dev/ttyUSB0", 9600, 9, "none", 1))
                .hasMessageContaining("'data.bits'");
        assertThatThrownBy(() -> SerialLine.of(" ", 9600, 8, "none", 1)).hasMessageContaining("'serial.device'");
    }
}
