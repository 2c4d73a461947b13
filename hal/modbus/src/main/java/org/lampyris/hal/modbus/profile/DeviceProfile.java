package org.lampyris.hal.modbus.profile;

import java.util.List;
import java.util.Optional;

/**
 * A device's register map as data: what kind of device it is, what it is called, the public document the map comes
 * from, and its values. Read from JSON by {@link ProfileReader}; see {@code docs/modbus-profiles.md}.
 *
 * @param id the profile's name, which a device configuration refers to
 * @param kind what the device is to the HAL
 * @param vendor the maker, as the HAL reports it
 * @param model the model, as the HAL reports it
 * @param ratedPowerWatts for a luminaire, its power at 100 %; 0 when not given
 * @param source the public document the register map is taken from
 * @param values the values; writes go out in the order they are asked for, not in this order
 */
public record DeviceProfile(String id, DeviceKind kind, String vendor, String model, double ratedPowerWatts,
        String source, List<ProfileValue> values) {

    public DeviceProfile {
        values = List.copyOf(values);
    }

    /** @return the value with this meaning, if the profile maps it */
    public Optional<ProfileValue> value(String meaning) {
        return values.stream().filter(v -> v.meaning().equals(meaning)).findFirst();
    }
}
