package org.lampyris.evcharging;

import org.lampyris.hal.ev.EvSupplyEquipment;
import org.lampyris.hal.ev.EvseStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the charge point has been told: the current offered and the connector lock. A command is sent only when it
 * differs from the last one, because the equipment answers each with a status report that leads to another decision;
 * a command the equipment refused, or later lost, is sent again. Not thread-safe: the {@link Charger} calls it on
 * its decision thread.
 */
final class EquipmentCommands {
    private static final Logger LOG = LoggerFactory.getLogger(EquipmentCommands.class);

    private final EvSupplyEquipment evse;
    private double amps = Double.NaN;
    private Boolean locked;

    EquipmentCommands(EvSupplyEquipment evse) {
        this.evse = evse;
    }

    /**
     * Brings the equipment to a current and a lock. The connector is locked before current is offered, and current
     * withdrawn before the connector is released.
     */
    void apply(double offeredAmps, boolean lock) {
        if (lock) {
            lock(true);
            offer(offeredAmps);
        } else {
            offer(offeredAmps);
            lock(false);
        }
    }

    /** Forgets the commands that a status read from the equipment shows it does not follow, to send them again. */
    void forgetUnfollowed(EvseStatus read) {
        if (read.offeredCurrentAmps() != amps) {
            amps = Double.NaN;
        }
        if (locked != null && read.connectorLocked() != locked) {
            locked = null;
        }
    }

    private void offer(double next) {
        if (next == amps) {
            return;
        }
        amps = next;
        try {
            evse.setMaxCurrent(next);
        } catch (RuntimeException e) {
            amps = Double.NaN;
            LOG.error("The charge point refused {} A: {}", next, e.toString());
        }
    }

    private void lock(boolean next) {
        if (locked != null && locked == next) {
            return;
        }
        locked = next;
        try {
            evse.setConnectorLocked(next);
        } catch (RuntimeException e) {
            locked = null;
            LOG.error("The charge point cannot {} its connector: {}", next ? "lock" : "unlock", e.toString());
        }
    }
}
