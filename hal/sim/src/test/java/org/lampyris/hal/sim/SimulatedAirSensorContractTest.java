package org.lampyris.hal.sim;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

import org.lampyris.hal.air.AirQualitySensor;
import org.lampyris.hal.contract.AirQualitySensorContract;
import org.lampyris.testkit.ManualTime;

/**
 * The simulated air sensors keep the HAL contract that every air-quality driver keeps. Their readings follow the
 * clock and cannot be set, and they are always reachable, so those tests are skipped; a broken one ({@code broken})
 * is what cannot be read at all.
 */
class SimulatedAirSensorContractTest extends AirQualitySensorContract {
    private final ManualTime time = ManualTime.at("2026-12-21T18:00:00Z", ZoneId.of("Europe/Amsterdam"));

    @Override
    protected AirQualitySensor newSensor() {
        return new SimulatedAirSensor(time, Configs.of(SimulatedAirSensor.Config.class, Map.of()));
    }

    @Override
    protected AirQualitySensor newBrokenSensor() {
        return new SimulatedAirSensor(time, Configs.of(SimulatedAirSensor.Config.class, Map.of("broken", true)));
    }

    @Override
    protected void release(AirQualitySensor sensor) {
        ((SimulatedAirSensor) sensor).deactivate();
    }

    @Override
    protected void letTimePass(Duration span) {
        time.advance(span);
    }
}
