package org.lampyris.evcharging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.lampyris.hal.ev.EvseInfo;

/**
 * Reference values: the usual connection ratings of AC charge points at 230 V phase voltage — 7.4 kW single-phase is
 * 32 A x 230 V = 7,360 W; 11 kW three-phase is 16 A x 3 x 230 V = 11,040 W; 22 kW three-phase is 32 A x 3 x 230 V =
 * 22,080 W — and the IEC 61851-1 minimum of 6 A below which a vehicle cannot charge.
 */
class SupplyShareTest {
    static final EvseInfo SINGLE_PHASE_32 = new EvseInfo(6, 32, 1, 230);
    static final EvseInfo THREE_PHASE_32 = new EvseInfo(6, 32, 3, 230);

    @Test
    void aSevenKilowattSupplyWithoutLightingOffersTheFull32AOnOnePhase() {
        assertThat(SupplyShare.offeredAmps(32, SINGLE_PHASE_32, 7360, 0)).isEqualTo(32);
    }

    @Test
    void theLightingPowerIsTakenOffTheSupplyBeforeTheVehicleGetsItsShare() {
        // (7400 - 150) / 230 = 31.52 A, rounded down to a tenth.
        assertThat(SupplyShare.offeredAmps(32, SINGLE_PHASE_32, 7400, 150)).isEqualTo(31.5);
        // (7400 - 60) / 230 = 31.91 A
        assertThat(SupplyShare.offeredAmps(32, SINGLE_PHASE_32, 7400, 60)).isEqualTo(31.9);
        // (7400 - 1500) / 230 = 25.65 A
        assertThat(SupplyShare.offeredAmps(32, SINGLE_PHASE_32, 7400, 1500)).isEqualTo(25.6);
    }

    @Test
    void threePhasesShareTheSupplyPerPhase() {
        assertThat(SupplyShare.offeredAmps(32, THREE_PHASE_32, 11_040, 0)).isEqualTo(16);
        // (11040 - 150) / 690 = 15.78 A
        assertThat(SupplyShare.offeredAmps(32, THREE_PHASE_32, 11_040, 150)).isEqualTo(15.7);
        assertThat(SupplyShare.offeredAmps(32, THREE_PHASE_32, 22_080, 0)).isEqualTo(32);
    }

    @Test
    void theOperatorsLimitAndTheEquipmentsMaximumCapTheCurrentToo() {
        assertThat(SupplyShare.offeredAmps(16, SINGLE_PHASE_32, 7400, 150)).isEqualTo(16);
        assertThat(SupplyShare.offeredAmps(32, new EvseInfo(6, 20, 1, 230), 7400, 150)).isEqualTo(20);
    }

    @Test
    void belowTheSixAmpereMinimumTheVehicleIsPausedRatherThanUnderfed() {
        // (1530 - 150) / 230 = 6 A exactly: still allowed.
        assertThat(SupplyShare.offeredAmps(32, SINGLE_PHASE_32, 1530, 150)).isEqualTo(6);
        // (1500 - 150) / 230 = 5.87 A
        assertThat(SupplyShare.offeredAmps(32, SINGLE_PHASE_32, 1500, 150)).isZero();
        assertThat(SupplyShare.offeredAmps(32, SINGLE_PHASE_32, 100, 150)).isZero();
    }

    @Test
    void chargingNeverTakesLightingPlusChargingOverTheSupplyLimit() {
        for (double lighting = 0; lighting <= 2000; lighting += 7.3) {
            for (double supply = 1000; supply <= 23_000; supply += 333.3) {
                for (EvseInfo info : new EvseInfo[] { SINGLE_PHASE_32, THREE_PHASE_32 }) {
                    double amps = SupplyShare.offeredAmps(32, info, supply, lighting);
                    double charging = amps * info.voltage() * info.phases();
                    if (lighting >= supply) {
                        assertThat(charging).as("supply %s W, lighting %s W", supply, lighting).isZero();
                    } else {
                        assertThat(lighting + charging).as("supply %s W, lighting %s W", supply, lighting)
                                .isLessThanOrEqualTo(supply + 1e-6);
                    }
                }
            }
        }
    }
}
