package org.lampyris.hal.modbus;

import java.util.Locale;

/**
 * A serial line for Modbus RTU: the device and its settings, checked, with parity and stop bits as jSerialComm's
 * constants (which j2mod passes on).
 *
 * @param device the serial device, such as /dev/ttyUSB0 or /dev/ttyAMA0
 * @param baud the bit rate
 * @param dataBits 7 or 8
 * @param parity 0 none, 1 odd, 2 even (jSerialComm's NO_PARITY, ODD_PARITY, EVEN_PARITY)
 * @param stopBits 1 for one stop bit, 3 for two (jSerialComm's ONE_STOP_BIT, TWO_STOP_BITS)
 */
record SerialLine(String device, int baud, int dataBits, int parity, int stopBits) {

    /**
     * @param parity "none", "even" or "odd"
     * @param stopBits 1 or 2
     * @throws IllegalArgumentException naming the setting that is wrong
     */
    static SerialLine of(String device, int baud, int dataBits, String parity, int stopBits) {
        if (device == null || device.isBlank()) {
            throw new IllegalArgumentException("'serial.device' is not set");
        }
        if (baud < 300 || baud > 921_600) {
            throw new IllegalArgumentException("'baud' must be 300 to 921600, got " + baud);
        }
        if (dataBits != 7 && dataBits != 8) {
            throw new IllegalArgumentException("'data.bits' must be 7 or 8, got " + dataBits);
        }
        int p = switch (parity == null ? "" : parity.toLowerCase(Locale.ROOT)) {
            case "none" -> 0;
            case "odd" -> 1;
            case "even" -> 2;
            default -> throw new IllegalArgumentException("'parity' must be none, even or odd, got '" + parity + "'");
        };
        if (stopBits != 1 && stopBits != 2) {
            throw new IllegalArgumentException("'stop.bits' must be 1 or 2, got " + stopBits);
        }
        return new SerialLine(device, baud, dataBits, p, stopBits == 2 ? 3 : 1);
    }

    /** @return "/dev/ttyUSB0 9600 8E1" */
    @Override
    public String toString() {
        return device + " " + baud + " " + dataBits + "NOE".charAt(parity) + (stopBits == 3 ? 2 : 1);
    }
}
