package org.lampyris.hal.modbus.profile;

/** How the registers of a value encode a number. */
public enum ValueType {
    UINT16(1), INT16(1), UINT32(2), INT32(2), FLOAT32(2),
    /** A bit: a coil, a discrete input, or one bit of a register ({@link ProfileValue#bit()}). */
    BOOL(1);

    private final int words;

    ValueType(int words) {
        this.words = words;
    }

    /** @return how many 16-bit registers a value of this type takes */
    public int words() {
        return words;
    }
}
