package org.lampyris.hal.luminaire;

/**
 * What a luminaire is.
 *
 * @param vendor the maker of the driver
 * @param model the driver's model name
 * @param ratedPowerWatts the electrical power at 100 %, in W
 */
public record LuminaireInfo(String vendor, String model, double ratedPowerWatts) {
}
