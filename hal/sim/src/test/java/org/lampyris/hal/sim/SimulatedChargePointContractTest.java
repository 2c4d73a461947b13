package org.lampyris.hal.sim;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

import org.lampyris.hal.contract.EvSupplyEquipmentContract;
import org.lampyris.hal.ev.EvSupplyEquipment;
import org.lampyris.testkit.ManualTime;

/** The simulated charge point keeps the HAL contract that every EV supply equipment driver keeps. */
class SimulatedChargePointContractTest extends EvSupplyEquipmentContract {
    private final ManualTime time = ManualTime.at("2026-12-21T18:00:00Z", ZoneId.of("Europe/Amsterdam"));

    @Override
    protected EvSupplyEquipment newEquipment(Situation situation) {
        return new SimulatedChargePoint(time, Configs.of(SimulatedChargePoint.Config.class,
                Map.of("vehicle_connected", situation == Situation.VEHICLE_CONNECTED,
                        "fault", situation == Situation.FAULT)));
    }

    @Override
    protected void release(EvSupplyEquipment equipment) {
        ((SimulatedChargePoint) equipment).deactivate();
    }

    @Override
    protected void letTimePass(Duration span) {
        time.advance(span);
    }
}
