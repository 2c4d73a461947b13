package org.lampyris.evcharging;

import org.lampyris.hal.ev.EvseInfo;

/**
 * Power sharing between the lighting and the charge point on one supply: the current offered to the vehicle is the
 * largest that keeps lighting power plus charging power under the supply limit, within the operator's limit and the
 * equipment's maximum. Below the IEC 61851 minimum a vehicle cannot charge at all, so it is paused instead.
 */
final class SupplyShare {

    private SupplyShare() {
    }

    /**
     * @param operatorLimitAmps the operator's limit
     * @param equipment the charge point's limits, voltage and phases
     * @param supplyLimitWatts the power the post may draw at most
     * @param lightingWatts the power the lighting draws (or is assumed to draw)
     * @return the current to offer, in A; 0 to pause
     */
    static double offeredAmps(double operatorLimitAmps, EvseInfo equipment, double supplyLimitWatts,
            double lightingWatts) {
        double availableAmps = (supplyLimitWatts - lightingWatts) / (equipment.voltage() * equipment.phases());
        double amps = Math.min(operatorLimitAmps, Math.min(equipment.maxCurrentAmps(), availableAmps));
        // Tenths of an ampere, rounded down so as never to go over the limit; finer steps gain nothing at the control
        // pilot. The epsilon keeps a computed 25.599999... from losing a tenth that 25.6 exactly would keep.
        double tenths = Math.floor(amps * 10 + 1e-9) / 10;
        return tenths >= equipment.minCurrentAmps() ? tenths : 0;
    }
}
