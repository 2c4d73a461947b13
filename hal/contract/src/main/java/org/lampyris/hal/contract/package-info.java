/**
 * The HAL contract suite: what every implementation of a HAL interface must do, written once as JUnit 5 tests that
 * the simulator and every driver run, so that a plugin tested on the simulator behaves the same on real hardware. A
 * driver's test class extends the contract of its interface and says how to make a device, how to let time pass for
 * it and, where it can, how to make it unreachable; see
 * {@link org.lampyris.hal.contract.LuminaireContract}, {@link org.lampyris.hal.contract.EvSupplyEquipmentContract}
 * and {@link org.lampyris.hal.contract.AirQualitySensorContract}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.lampyris.hal.contract;
