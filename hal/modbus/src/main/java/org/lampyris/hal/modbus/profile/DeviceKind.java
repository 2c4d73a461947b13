package org.lampyris.hal.modbus.profile;

import java.util.Set;

/** What a profiled device is to the HAL, with the meanings its values may have and the ones it must have. */
public enum DeviceKind {
    /**
     * A luminaire, typically a DALI-2/D4i driver behind a DALI-to-Modbus gateway: it becomes the post's
     * {@code Luminaire}.
     */
    LUMINAIRE(Set.of(Meanings.LEVEL, Meanings.LEVEL_ACTUAL, Meanings.FADE_TIME, Meanings.POWER, Meanings.ENERGY,
            Meanings.LAMP_FAILURE, Meanings.GEAR_FAILURE, Meanings.SYSTEM_FAILURE_LEVEL, Meanings.POWER_ON_LEVEL,
            Meanings.BURNING_HOURS),
            Set.of(Meanings.LEVEL, Meanings.POWER, Meanings.ENERGY, Meanings.LAMP_FAILURE, Meanings.GEAR_FAILURE)),
    /** An energy meter on the luminaire's feed. */
    METER(Set.of(Meanings.VOLTAGE, Meanings.CURRENT, Meanings.POWER, Meanings.POWER_FACTOR, Meanings.ENERGY,
            Meanings.FREQUENCY), Set.of(Meanings.POWER, Meanings.ENERGY));

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
