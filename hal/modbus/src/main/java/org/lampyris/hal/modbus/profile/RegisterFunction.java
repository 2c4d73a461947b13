package org.lampyris.hal.modbus.profile;

/** Which of the four Modbus data tables a value lives in, with the function codes that read and write it. */
public enum RegisterFunction {
    /** Holding registers: read with function 3, written with 6 (one register) or 16 (several). */
    HOLDING(true, true),
    /** Input registers: read with function 4; read-only. */
    INPUT(true, false),
    /** Coils: read with function 1, written with 5; one bit each. */
    COIL(false, true),
    /** Discrete inputs: read with function 2; read-only, one bit each. */
    DISCRETE(false, false);

    private final boolean registers;
    private final boolean writable;

    RegisterFunction(boolean registers, boolean writable) {
        this.registers = registers;
        this.writable = writable;
    }

    /** @return whether it holds 16-bit registers rather than bits */
    public boolean registers() {
        return registers;
    }

    /** @return whether a master may write it */
    public boolean writable() {
        return writable;
    }
}
