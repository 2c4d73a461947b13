package org.lampyris.hal.modbus;

import org.lampyris.hal.modbus.profile.RegisterFunction;

/** One Modbus master's link to one device: what the poller needs, so that it can be tried without a network. */
interface Bus extends AutoCloseable {

    /** Opens the link; a no-op when it is open. */
    void connect() throws BusException;

    /** @return registers 0-65535 of a holding or input table, lowest address first */
    int[] readRegisters(RegisterFunction function, int address, int count) throws BusException;

    /** @return a coil or a discrete input */
    boolean readBit(RegisterFunction function, int address) throws BusException;

    /** Writes holding registers (function 6 for one, 16 for several). */
    void writeRegisters(int address, int[] words) throws BusException;

    /** Writes a coil (function 5). */
    void writeCoil(int address, boolean on) throws BusException;

    /** Closes the link; the next call opens it again. */
    @Override
    void close();

    /** @return the device's address for messages: "10.0.0.7:502 unit 1" */
    String address();
}
