package org.lampyris.hal.sim;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;

import org.lampyris.hal.contract.LuminaireContract;
import org.lampyris.hal.luminaire.Luminaire;
import org.lampyris.testkit.ManualTime;

/** The simulated luminaire keeps the HAL contract that every luminaire driver keeps, on a clock the test moves. */
class SimulatedLuminaireContractTest extends LuminaireContract {
    private final ManualTime time = ManualTime.at("2026-12-21T18:00:00Z", ZoneId.of("Europe/Amsterdam"));

    @Override
    protected Luminaire newLuminaire(Set<Fault> faults) {
        return new SimulatedLuminaire(time, Configs.of(SimulatedLuminaire.Config.class,
                Map.of("lamp_failure", faults.contains(Fault.LAMP_FAILURE),
                        "gear_failure", faults.contains(Fault.GEAR_FAILURE))));
    }

    @Override
    protected void release(Luminaire luminaire) {
        ((SimulatedLuminaire) luminaire).deactivate();
    }

    @Override
    protected void letTimePass(Duration span) {
        time.advance(span);
    }
}
