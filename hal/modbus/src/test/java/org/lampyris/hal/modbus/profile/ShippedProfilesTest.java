package org.lampyris.hal.modbus.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShippedProfilesTest {

    @Test
    void theDaliGatewayProfileMapsEveryLuminaireValueAndCitesItsSource() {
        DeviceProfile p = new ProfileLibrary(null).load("dali2-d4i-gateway");
        assertThat(p.kind()).isEqualTo(DeviceKind.LUMINAIRE);
        assertThat(p.source()).contains("Intesis").contains("IEC 62386-252");
        assertThat(p.values()).extracting(ProfileValue::meaning).containsExactly("fade-time", "level",
                "level.actual", "lamp-failure", "gear-failure", "power-on-level", "system-failure-level", "power",
                "energy");
        assertThat(p.value("level").orElseThrow().where()).isEqualTo("holding register 15");
    }

    @Test
    void theDali2GatewayProfileMapsNoMeteringSoThatAMeterSuppliesIt() {
        DeviceProfile p = new ProfileLibrary(null).load("dali2-gateway");
        assertThat(p.kind()).isEqualTo(DeviceKind.LUMINAIRE);
        assertThat(p.source()).contains("Intesis");
        assertThat(p.value("power")).isEmpty();
        assertThat(p.value("energy")).isEmpty();
        assertThat(p.value("level").orElseThrow().where()).isEqualTo("holding register 15");
    }

    @Test
    void aLuminaireProfileMapsPowerAndEnergyBothOrNeither() {
        assertThatThrownBy(() -> ProfileReader.read("""
                {"profile": "x", "kind": "luminaire", "vendor": "v", "model": "m", "source": "s",
                 "values": [{"meaning": "level", "function": "holding", "address": 1, "write": {"min": 0, "max": 100}},
                            {"meaning": "lamp-failure", "function": "holding", "address": 2, "type": "bool", "bit": 1},
                            {"meaning": "gear-failure", "function": "holding", "address": 2, "type": "bool", "bit": 0},
                            {"meaning": "power", "function": "holding", "address": 4}]}
                """, "x.json")).hasMessageContaining("both 'power' and 'energy'").hasMessageContaining("or neither");
    }

    @Test
    void theMeterProfileReadsTheSdm630InputRegistersAsFloats() {
        DeviceProfile p = new ProfileLibrary(null).load("eastron-sdm630");
        assertThat(p.source()).contains("Eastron").contains("SDM630");
        ProfileValue energy = p.value("energy").orElseThrow();
        assertThat(energy.function()).isEqualTo(RegisterFunction.INPUT);
        assertThat(energy.address()).isEqualTo(0x48);
        // 1234.5 kWh as an IEEE 754 float, high word first, is 1 234 500 Wh.
        int bits = Float.floatToIntBits(1234.5f);
        assertThat(RegisterCodec.decode(energy, new int[] { bits >>> 16, bits & 0xFFFF })).isEqualTo(1_234_500.0);
        assertThat(p.value("power").orElseThrow().address()).isEqualTo(0x0C);
        assertThat(p.value("power-factor").orElseThrow().address()).isEqualTo(0x1E);
    }

    @Test
    void aProfileInConfReplacesTheShippedOneWithoutCode(@TempDir Path conf) throws Exception {
        Files.createDirectories(conf.resolve("modbus"));
        Files.writeString(conf.resolve("modbus/my-meter.json"), """
                {"profile": "my-meter", "kind": "meter", "vendor": "Acme", "model": "M1", "source": "Acme M1 manual",
                 "values": [{"meaning": "power", "function": "input", "address": 4, "type": "int32",
                             "wordOrder": "low-first", "scale": 0.1, "unit": "W"},
                            {"meaning": "energy", "function": "holding", "address": 8, "type": "uint32", "unit": "Wh"}]}
                """);
        DeviceProfile p = new ProfileLibrary(conf).load("my-meter");
        ProfileValue power = p.value("power").orElseThrow();
        // -12.3 W as int32 -123, low word first.
        assertThat(RegisterCodec.decode(power, new int[] { 0xFF85, 0xFFFF })).isEqualTo(-12.3);
        assertThat(RegisterCodec.encode(power, -12.3)).containsExactly(0xFF85, 0xFFFF);
    }

    @Test
    void aProfileWithAMistakeIsRefusedNamingTheValueAndWhy() {
        assertThatThrownBy(() -> ProfileReader.read("""
                {"profile": "x", "kind": "luminaire", "vendor": "v", "model": "m", "source": "s",
                 "values": [{"meaning": "level", "function": "input", "address": 1, "write": {"min": 0, "max": 100}}]}
                """, "x.json")).hasMessageContaining("'level'").hasMessageContaining("cannot be written");
        assertThatThrownBy(() -> ProfileReader.read("""
                {"profile": "x", "kind": "meter", "vendor": "v", "model": "m", "source": "s",
                 "values": [{"meaning": "power", "function": "input", "address": 1, "type": "float64"}]}
                """, "x.json")).hasMessageContaining("type 'float64' is not one of");
        assertThatThrownBy(() -> new ProfileLibrary(null).load("../etc/passwd")).hasMessageContaining("must match");
        assertThatThrownBy(() -> new ProfileLibrary(null).load("nope")).hasMessageContaining("no Modbus profile 'nope'");
    }

    @Test
    void fadeTimesBecomeTheNearestDaliCodeAndWritesAreClampedToTheLimits() {
        ProfileValue fade = new ProfileLibrary(null).load("dali2-d4i-gateway").value("fade-time").orElseThrow();
        assertThat(RegisterCodec.encode(fade, 0)).containsExactly(0);
        assertThat(RegisterCodec.encode(fade, 2.0)).containsExactly(4); // 0.5 * sqrt(16) = 2.0 s
        assertThat(RegisterCodec.decode(fade, new int[] { 15 })).isEqualTo(90.5);
        assertThat(fade.clamp(600)).isEqualTo(90.5);
        ProfileValue bit = new ProfileLibrary(null).load("dali2-d4i-gateway").value("lamp-failure").orElseThrow();
        assertThat(RegisterCodec.decode(bit, new int[] { 0b10 })).isEqualTo(1.0);
        assertThat(RegisterCodec.decode(bit, new int[] { 0b01 })).isEqualTo(0.0);
    }
}
