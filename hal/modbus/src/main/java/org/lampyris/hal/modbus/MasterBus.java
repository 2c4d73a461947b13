package org.lampyris.hal.modbus;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.ModbusSlaveException;
import com.ghgande.j2mod.modbus.Modbus;
import com.ghgande.j2mod.modbus.facade.AbstractModbusMaster;
import com.ghgande.j2mod.modbus.facade.ModbusSerialMaster;
import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.util.SerialParameters;

import java.util.function.Supplier;

import org.lampyris.hal.modbus.profile.RegisterFunction;

/**
 * A Modbus master of j2mod: TCP, or RTU on a serial line (j2mod's serial master over jSerialComm), with one timeout
 * for connecting and for each answer, and no retries: the poller decides when to try again.
 */
final class MasterBus implements Bus {
    private final Supplier<AbstractModbusMaster> factory;
    private final String where;
    private final int unitId;
    private AbstractModbusMaster master;

    private MasterBus(Supplier<AbstractModbusMaster> factory, String where, int unitId) {
        this.factory = factory;
        this.where = where;
        this.unitId = unitId;
    }

    /** Modbus TCP to a host and port. */
    static MasterBus tcp(String host, int port, int unitId, int timeoutMillis) {
        // No reconnecting inside j2mod: the poller decides when to try again, with its backoff.
        return new MasterBus(() -> new ModbusTCPMaster(host, port, timeoutMillis, false, false), host + ":" + port,
                unitId);
    }

    /**
     * Modbus RTU on a serial line.
     *
     * @param line the serial device and its settings, already checked
     */
    static MasterBus rtu(SerialLine line, int unitId, int timeoutMillis) {
        return new MasterBus(() -> {
            SerialParameters p = new SerialParameters();
            p.setPortName(line.device());
            p.setBaudRate(line.baud());
            p.setDatabits(line.dataBits());
            p.setParity(line.parity());
            p.setStopbits(line.stopBits());
            p.setEncoding(Modbus.SERIAL_ENCODING_RTU);
            p.setEcho(false);
            return new ModbusSerialMaster(p, timeoutMillis);
        }, line.toString(), unitId);
    }

    @Override
    public void connect() throws BusException {
        if (master != null && master.isConnected()) {
            return;
        }
        close();
        AbstractModbusMaster m = factory.get();
        try {
            m.connect();
        } catch (Exception e) {
            m.disconnect();
            throw new BusException("cannot connect to " + where + ": " + describe(e), false, e);
        }
        if (!m.isConnected()) {
            m.disconnect();
            throw new BusException("cannot open " + where, false, null);
        }
        // One attempt per request, so that a device that does not answer costs one timeout. j2mod counts attempts
        // (0 means its default of 5) and keeps the setting only once connect() has made the transaction.
        m.setRetries(1);
        master = m;
    }

    @Override
    public int[] readRegisters(RegisterFunction function, int address, int count) throws BusException {
        AbstractModbusMaster m = open();
        try {
            InputRegister[] registers = function == RegisterFunction.INPUT ? m.readInputRegisters(unitId, address,
                    count) : m.readMultipleRegisters(unitId, address, count);
            if (registers == null || registers.length < count) {
                throw new BusException("answered " + (registers == null ? 0 : registers.length)
                        + " registers where " + count + " were asked", false, null);
            }
            int[] words = new int[count];
            for (int i = 0; i < count; i++) {
                words[i] = registers[i].getValue() & 0xFFFF;
            }
            return words;
        } catch (ModbusException e) {
            throw failure(e);
        }
    }

    @Override
    public boolean readBit(RegisterFunction function, int address) throws BusException {
        AbstractModbusMaster m = open();
        try {
            return (function == RegisterFunction.COIL ? m.readCoils(unitId, address, 1)
                    : m.readInputDiscretes(unitId, address, 1)).getBit(0);
        } catch (ModbusException e) {
            throw failure(e);
        }
    }

    @Override
    public void writeRegisters(int address, int[] words) throws BusException {
        AbstractModbusMaster m = open();
        try {
            if (words.length == 1) {
                m.writeSingleRegister(unitId, address, new SimpleRegister(words[0]));
            } else {
                Register[] registers = new Register[words.length];
                for (int i = 0; i < words.length; i++) {
                    registers[i] = new SimpleRegister(words[i]);
                }
                m.writeMultipleRegisters(unitId, address, registers);
            }
        } catch (ModbusException e) {
            throw failure(e);
        }
    }

    @Override
    public void writeCoil(int address, boolean on) throws BusException {
        AbstractModbusMaster m = open();
        try {
            m.writeCoil(unitId, address, on);
        } catch (ModbusException e) {
            throw failure(e);
        }
    }

    @Override
    public void close() {
        if (master != null) {
            master.disconnect();
            master = null;
        }
    }

    @Override
    public String address() {
        return where + " unit " + unitId;
    }

    private AbstractModbusMaster open() throws BusException {
        connect();
        return master;
    }

    private BusException failure(ModbusException e) {
        if (e instanceof ModbusSlaveException slave) {
            return new BusException("Modbus exception " + slave.getType() + " ("
                    + ModbusSlaveException.getMessage(slave.getType()) + ")", true, e);
        }
        return new BusException("no answer (" + describe(e) + ")", false, e);
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
