package org.lampyris.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.lampyris.testkit.Await;
import org.lampyris.testkit.CoapTestClient;

/**
 * A post whose air-quality sensors are a real Modbus RTU device on a serial line: a socat pseudo-terminal pair, a
 * pymodbus serial server loaded with the shipped {@code sensorbee-air-rtu} profile on one end and the post on the
 * other, at 19200 baud 8N1. The simulated air sensors step back for it.
 * <p>
 * No parity on the pty: pyserial (under pymodbus's serial server) opening a Linux pseudo-terminal with even parity
 * never answers j2mod's requests ("Cannot read from serial port"), whatever the post's parity; j2mod/jSerialComm with
 * even parity against a no-parity pyserial peer on the same pty answers. A pty carries no parity bits, so the line
 * settings' parity is tried here only as far as the driver opening the line with it.
 */
class ModbusRtuAirSensorTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    static Path work;
    static SerialPair line;
    static ModbusDevice sensor;
    static LampPost post;
    static CoapTestClient reader;
    static CoapTestClient engineer;

    @BeforeAll
    static void startSensorAndPost() throws Exception {
        assumeTrue(ModbusDevice.available(), "Debian's python3-pymodbus is not installed (.ci/run installs it)");
        assumeTrue(SerialPair.available(), "Debian's socat is not installed (.ci/run installs it)");
        line = new SerialPair(work);
        sensor = ModbusDevice.onSerialLine(line.device, List.of("--baud", "19200", "--parity", "N"),
                "sensorbee-air-rtu", "pm1=4.5", "pm2.5=8.25", "pm10=15", "no2=21", "o3=48", "temperature=12.5",
                "humidity=81");
        Path home = ModbusLuminaireTest.distributionWithConf(work.resolve("dist"),
                "org.lampyris.hal.modbus.device~air-1.cfg", """
                # The air sensors of this post: a Modbus RTU unit on the serial line
                serial.device = %s
                baud = 19200
                parity = none
                data.bits = 8
                stop.bits = 1
                unit.id = 1
                profile = sensorbee-air-rtu
                poll.ms = 200
                timeout.ms = 500
                backoff.max.ms = 1000
                """.formatted(line.post));
        // Sample every second, and never call a steady test register stuck.
        Path air = home.resolve("conf/org.lampyris.airquality.cfg");
        Files.writeString(air, Files.readString(air).replace("period.seconds = 60", "period.seconds = 1")
                .replace("stuck.samples = 10", "stuck.samples = 100000"));
        post = LampPost.startFrom(home, "modbus-rtu-post", work.resolve("data"));
        reader = CoapTestClient.withPsk(LampPost.OPERATOR);
        engineer = CoapTestClient.withPsk(LampPost.ENGINEER);
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] { reader, engineer, post, sensor, line }) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void theSensorsRegistersShowOnTheAirPointsAndARegisterChangeFollows() throws Exception {
        String health = Await.until("health shows the sensor answering over RTU", PATIENCE,
                () -> engineer.get(post.uri("/mgmt/health")).getResponseText(), h -> h.contains("\"available\":true"));
        assertThat(health).contains("\"name\":\"air-1\"").contains("19200 8N1");
        Await.until("/air/no2 reads the sensor's 21", PATIENCE,
                () -> "21".equals(text(reader.get(post.uri("/air/no2")))));
        assertThat(text(reader.get(post.uri("/air/pm25")))).isEqualTo("8.25");
        assertThat(text(reader.get(post.uri("/air/o3")))).isEqualTo("48");
        assertThat(text(reader.get(post.uri("/air/temperature")))).isEqualTo("12.5");
        sensor.set("pm2.5", 31.5);
        Await.until("/air/pm25 reads the sensor's new 31.5", PATIENCE,
                () -> "31.5".equals(text(reader.get(post.uri("/air/pm25")))));
    }

    private static String text(CoapResponse r) {
        return r == null || r.getCode() != ResponseCode.CONTENT ? null : r.getResponseText();
    }
}
