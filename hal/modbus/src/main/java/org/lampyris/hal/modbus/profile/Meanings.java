package org.lampyris.hal.modbus.profile;

/** The meanings a profile's values may have, in HAL terms; {@code docs/modbus-profiles.md} lists them with units. */
public final class Meanings {
    /** The light level the luminaire is set to (DALI arc power level), in %; writable. */
    public static final String LEVEL = "level";
    /** The light level now, during a fade too (DALI actual level), in %. */
    public static final String LEVEL_ACTUAL = "level.actual";
    /** The fade time a level change takes, in s; writable. */
    public static final String FADE_TIME = "fade-time";
    /** Active power, in W. */
    public static final String POWER = "power";
    /** Active energy imported, in Wh. */
    public static final String ENERGY = "energy";
    /** The light source failed (DALI lamp failure). */
    public static final String LAMP_FAILURE = "lamp-failure";
    /** The control gear reports a fault (DALI control gear failure). */
    public static final String GEAR_FAILURE = "gear-failure";
    /** The level the gear goes to when its bus fails (DALI system failure level), in %; writable. */
    public static final String SYSTEM_FAILURE_LEVEL = "system-failure-level";
    /** The level the gear goes to when power returns (DALI power-on level), in %; writable. */
    public static final String POWER_ON_LEVEL = "power-on-level";
    /** Hours the lamp has burnt, in h. */
    public static final String BURNING_HOURS = "burning-hours";
    /** Voltage, in V. */
    public static final String VOLTAGE = "voltage";
    /** Current, in A. */
    public static final String CURRENT = "current";
    /** Power factor, -1 to 1. */
    public static final String POWER_FACTOR = "power-factor";
    /** Frequency, in Hz. */
    public static final String FREQUENCY = "frequency";

    /**
     * A charge controller's IEC 61851 control-pilot state: 1 to 6 for A to F (with the {@code iec61851-letter}
     * encoding, the ASCII letter in the register's low byte).
     */
    public static final String EV_STATE = "ev-state";
    /** The maximum charging current offered to the vehicle (the PWM set point), in A; writable. */
    public static final String MAX_CURRENT = "max-current";
    /** Whether charging is enabled (the PWM signal switched on); writable. 0 A is offered by disabling it. */
    public static final String CHARGE_ENABLE = "charge-enable";
    /** Whether the connector is locked in the socket; writable. */
    public static final String CONNECTOR_LOCK = "connector-lock";
    /** The charge controller's error code, 0 for none. */
    public static final String ERROR_CODE = "error-code";

    /** Particulate matter up to 1 um, in ug/m3. */
    public static final String PM1 = "pm1";
    /** Particulate matter up to 2.5 um, in ug/m3. */
    public static final String PM2_5 = "pm2.5";
    /** Particulate matter up to 10 um, in ug/m3. */
    public static final String PM10 = "pm10";
    /** Nitrogen dioxide, in ug/m3. */
    public static final String NO2 = "no2";
    /** Ozone, in ug/m3. */
    public static final String O3 = "o3";
    /** Air temperature, in Cel. */
    public static final String TEMPERATURE = "temperature";
    /** Relative humidity, in %RH. */
    public static final String HUMIDITY = "humidity";

    private Meanings() {
    }
}
