package org.lampyris.hal.modbus.profile;

import java.util.Set;

/** What a profiled device is to the HAL, with the meanings its values may have and the ones it must have. */
public enum DeviceKind {
    /**
     * A luminaire, typically a DALI-2/D4i driver behind a DALI-to-Modbus gateway: it becomes the post's
     * {@code Luminaire}. It maps power and energy both (D4i energy reporting) or neither, and then takes them from the
     * energy meter that measures it.
     */
    LUMINAIRE(Set.of(Meanings.LEVEL, Meanings.LEVEL_ACTUAL, Meanings.FADE_TIME, Meanings.POWER, Meanings.ENERGY,
            Meanings.LAMP_FAILURE, Meanings.GEAR_FAILURE, Meanings.SYSTEM_FAILURE_LEVEL, Meanings.POWER_ON_LEVEL,
            Meanings.BURNING_HOURS),
            Set.of(Meanings.LEVEL, Meanings.LAMP_FAILURE, Meanings.GEAR_FAILURE)),
    /** An energy meter on a device's feed: it becomes an {@code EnergyMeter}, the power and energy source of it. */
    METER(Set.of(Meanings.VOLTAGE, Meanings.CURRENT, Meanings.POWER, Meanings.POWER_FACTOR, Meanings.ENERGY,
            Meanings.FREQUENCY), Set.of(Meanings.POWER, Meanings.ENERGY)),
    /**
     * The charge controller of an EV charge point (IEC 61851): it becomes the post's {@code EvSupplyEquipment}. A
     * controller whose set point cannot be 0 needs {@code charge-enable} to pause charging.
     */
    CHARGER(Set.of(Meanings.EV_STATE, Meanings.MAX_CURRENT, Meanings.CHARGE_ENABLE, Meanings.CONNECTOR_LOCK,
            Meanings.ERROR_CODE, Meanings.VOLTAGE, Meanings.CURRENT, Meanings.POWER, Meanings.ENERGY),
            Set.of(Meanings.EV_STATE, Meanings.MAX_CURRENT, Meanings.ENERGY)),
    /** Air-quality sensors: it becomes the post's {@code AirQualitySensor}, with the channels the profile maps. */
    AIR_SENSOR(Set.of(Meanings.PM1, Meanings.PM2_5, Meanings.PM10, Meanings.NO2, Meanings.O3, Meanings.TEMPERATURE,
            Meanings.HUMIDITY), Set.of());

    private final Set<String> meanings;
    private final Set<String> required;

    DeviceKind(Set<String> meanings, Set<String> required) {
        this.meanings = meanings;
        this.required = required;
    }

    /** @return the meanings a value of a device of this kind may have */
    public Set<String> meanings() {
        return meanings;
    }

    /** @return the meanings a profile of this kind must map */
    public Set<String> required() {
        return required;
    }
}
