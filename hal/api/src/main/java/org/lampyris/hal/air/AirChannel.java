package org.lampyris.hal.air;

/** What an air-quality sensor measures, with the SenML unit (RFC 8428) of its readings. */
public enum AirChannel {
    /** Particulate matter up to 1 µm. */
    PM1("ug/m3"),
    /** Particulate matter up to 2.5 µm. */
    PM2_5("ug/m3"),
    /** Particulate matter up to 10 µm. */
    PM10("ug/m3"),
    /** Nitrogen dioxide. */
    NO2("ug/m3"),
    /** Ozone. */
    O3("ug/m3"),
    /** Air temperature. */
    TEMPERATURE("Cel"),
    /** Relative humidity. */
    HUMIDITY("%RH");

    private final String unit;

    AirChannel(String unit) {
        this.unit = unit;
    }

    /** @return the SenML unit of this channel's readings */
    public String unit() {
        return unit;
    }
}
