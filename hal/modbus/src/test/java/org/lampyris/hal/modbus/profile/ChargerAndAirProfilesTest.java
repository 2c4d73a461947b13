package org.lampyris.hal.modbus.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChargerAndAirProfilesTest {

    @Test
    void theChargeControllerProfileReadsTheStateLetterAndLimitsTheSetPoint() {
        DeviceProfile p = new ProfileLibrary(null).load("phoenix-ev-charge-control");
        assertThat(p.kind()).isEqualTo(DeviceKind.CHARGER);
        assertThat(p.source()).contains("Phoenix Contact").contains("evcc");
        ProfileValue state = p.value("ev-state").orElseThrow();
        assertThat(state.where()).isEqualTo("input register 100");
        // The state is an ASCII letter in the low byte: 'C' is the third state.
        assertThat(RegisterCodec.decode(state, new int[] { 'C' })).isEqualTo(3.0);
        assertThat(RegisterCodec.decode(state, new int[] { 0x4100 | 'F' })).isEqualTo(6.0);
        assertThat(RegisterCodec.decode(state, new int[] { '?' })).isEqualTo(0.0);
        assertThat(RegisterCodec.encode(state, 2)).containsExactly((int) 'B');
        ProfileValue setPoint = p.value("max-current").orElseThrow();
        assertThat(setPoint.where()).isEqualTo("holding register 528");
        assertThat(setPoint.clamp(80)).isEqualTo(32);
        assertThat(setPoint.clamp(0)).isEqualTo(6);
        ProfileValue energy = p.value("energy").orElseThrow();
        // 70 000 Wh, uint32 low word first.
        assertThat(RegisterCodec.decode(energy, new int[] { 70_000 & 0xFFFF, 70_000 >>> 16 })).isEqualTo(70_000.0);
    }

    @Test
    void aChargerWhoseSetPointCannotBeZeroMustMapChargeEnable() {
        assertThatThrownBy(() -> ProfileReader.read("""
                {"profile": "x", "kind": "charger", "vendor": "v", "model": "m", "source": "s",
                 "values": [{"meaning": "ev-state", "function": "input", "address": 1},
                            {"meaning": "energy", "function": "input", "address": 2, "type": "uint32"},
                            {"meaning": "max-current", "function": "holding", "address": 3,
                             "write": {"min": 6, "max": 32}}]}
                """, "x.json")).hasMessageContaining("must map 'charge-enable'");
        assertThat(ProfileReader.read("""
                {"profile": "x", "kind": "charger", "vendor": "v", "model": "m", "source": "s",
                 "values": [{"meaning": "ev-state", "function": "input", "address": 1},
                            {"meaning": "energy", "function": "input", "address": 2, "type": "uint32"},
                            {"meaning": "max-current", "function": "holding", "address": 3,
                             "write": {"min": 0, "max": 16}}]}
                """, "x.json").kind()).isEqualTo(DeviceKind.CHARGER);
    }

    @Test
    void theAirProfileMapsEveryChannelAsFloats() {
        DeviceProfile p = new ProfileLibrary(null).load("sensorbee-air-rtu");
        assertThat(p.kind()).isEqualTo(DeviceKind.AIR_SENSOR);
        assertThat(p.values()).extracting(ProfileValue::meaning).containsExactlyInAnyOrder("pm1", "pm2.5", "pm10",
                "no2", "o3", "temperature", "humidity");
        ProfileValue no2 = p.value("no2").orElseThrow();
        assertThat(no2.address()).isEqualTo(0xC0);
        int bits = Float.floatToIntBits(41.5f);
        assertThat(RegisterCodec.decode(no2, new int[] { bits >>> 16, bits & 0xFFFF })).isEqualTo(41.5);
    }
}
