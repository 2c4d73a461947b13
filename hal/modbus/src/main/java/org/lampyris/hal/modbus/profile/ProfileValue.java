package org.lampyris.hal.modbus.profile;

/**
 * One value of a device profile: where it is on the bus, how it is encoded and what it means to the HAL.
 *
 * @param meaning what the value is in HAL terms ({@code level}, {@code power}, ...), one of the kind's meanings
 * @param function the data table
 * @param address the zero-based register or bit address, as on the wire (register 40016 of a manual is 15)
 * @param type how the registers encode the value
 * @param lowWordFirst for 32-bit types: whether the register at the lower address holds the less significant word
 * @param littleEndianBytes whether each register's two bytes are swapped (low byte first)
 * @param bit for a flag kept in one bit of a register: the bit, 0 the least significant; -1 for none
 * @param scale the value in its unit is the raw number times this
 * @param encoding a named conversion instead of the scale ({@code dali-fade-time}), or null
 * @param unit the unit of the value after scaling (SenML), or null
 * @param writable whether the post may write it
 * @param min the smallest value a write may carry, in the unit; a write below is clamped to it
 * @param max the largest value a write may carry, in the unit; a write above is clamped to it
 */
public record ProfileValue(String meaning, RegisterFunction function, int address, ValueType type,
        boolean lowWordFirst, boolean littleEndianBytes, int bit, double scale, String encoding, String unit,
        boolean writable, double min, double max) {

    /** @return the value clamped to this value's write limits */
    public double clamp(double value) {
        return Math.max(min, Math.min(max, value));
    }

    /** @return how the value is addressed, for messages: "holding register 15" */
    public String where() {
        String table = switch (function) {
            case HOLDING -> "holding register";
            case INPUT -> "input register";
            case COIL -> "coil";
            case DISCRETE -> "discrete input";
        };
        return table + " " + address + (bit >= 0 ? " bit " + bit : "");
    }
}
