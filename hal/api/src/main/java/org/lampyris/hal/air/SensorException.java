package org.lampyris.hal.air;

/** A sensor could not be read; the message says why. */
public class SensorException extends Exception {
    private static final long serialVersionUID = 1L;

    public SensorException(String message) {
        super(message);
    }
}
