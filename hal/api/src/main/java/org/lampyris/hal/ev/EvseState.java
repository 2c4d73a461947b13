package org.lampyris.hal.ev;

/** The control-pilot states of IEC 61851-1. */
public enum EvseState {
    /** No vehicle connected. */
    A("standby"),
    /** Vehicle connected, not ready to charge. */
    B("vehicle detected"),
    /** Vehicle connected and charging. */
    C("charging"),
    /** Vehicle charging and requiring ventilation. */
    D("charging with ventilation"),
    /** Short circuit or no power: an error. */
    E("no power"),
    /** The equipment itself is not available: a fault. */
    F("fault");

    private final String description;

    EvseState(String description) {
        this.description = description;
    }

    /** @return a short human description */
    public String description() {
        return description;
    }

    /** @return true in E and F, where no charging may happen */
    public boolean isError() {
        return this == E || this == F;
    }
}
