package org.lampyris.conformance;

import java.util.Set;

/** The units of the SenML registry (RFC 8428 section 12.1 and the additions of RFC 8798). */
final class SenmlUnits {
    static final Set<String> UNITS = Set.of(
            // RFC 8428
            "m", "kg", "g", "s", "A", "K", "cd", "mol", "Hz", "rad", "sr", "N", "Pa", "J", "W", "C", "V", "F",
            "Ohm", "S", "Wb", "T", "H", "Cel", "lm", "lx", "Bq", "Gy", "Sv", "kat", "m2", "m3", "l", "m/s",
            "m/s2", "m3/s", "l/s", "W/m2", "cd/m2", "bit", "bit/s", "lat", "lon", "pH", "dB", "dBW", "Bspl",
            "count", "/", "%", "%RH", "%EL", "EL", "1/s", "1/min", "beat/min", "beats", "S/m",
            // RFC 8798
            "B", "VA", "VAs", "var", "vars", "J/m", "kg/m3", "deg", "NTU", "ms", "min", "h", "MHz", "kW", "kVA",
            "kvar", "Ah", "Wh", "kWh", "varh", "kvarh", "kVAh", "Wh/km", "KiB", "GB", "Mbit/s", "B/s", "MB/s",
            "mV", "mA", "dBm", "ug/m3", "mm/h", "m/h", "ppm", "/100", "/1000", "hPa", "mm", "cm", "km", "km/h",
            "ppb", "ppt", "mVA", "mVAs", "mvar", "mvars", "mJ", "mW", "mWh", "GBq", "MBq", "kBq", "mSv/h", "uSv/h",
            "nSv/h", "kGy", "uGy", "kPa", "MPa", "lx/s", "dB(A)", "kg/h", "km/s", "uS/cm", "mS/cm", "S/cm",
            "rpm", "mg/l", "g/l", "ug/l", "kg/m2");

    private SenmlUnits() {
    }
}
