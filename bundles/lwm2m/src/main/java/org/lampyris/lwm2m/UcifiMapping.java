package org.lampyris.lwm2m;

import java.util.List;

/**
 * The LwM2M side of the standard vocabulary: which uCIFI resource each standard point is, found by the point's
 * readable resource type ({@code light.level}), whoever the vendor of the plugin. A point with no row here stays on
 * CoAP only.
 *
 * @param object the uCIFI object: 3416 outdoor lamp controller, 3418 electrical monitor, 3428 air quality, 3434
 *        people counter
 * @param resource the resource in that object
 * @param resourceType the point's readable resource type
 * @param factor the resource's value is the point's value times this (a unit conversion)
 */
record UcifiMapping(int object, int resource, String resourceType, double factor) {

    static final int LAMP_CONTROLLER = 3416;
    static final int ELECTRICAL_MONITOR = 3418;
    static final int AIR_QUALITY = 3428;
    static final int PEOPLE_COUNTER = 3434;
    static final List<Integer> OBJECTS = List.of(LAMP_CONTROLLER, ELECTRICAL_MONITOR, AIR_QUALITY, PEOPLE_COUNTER);

    /** Molar volume of a gas at 20 °C and 1013 hPa, in litres: the EU's reference conditions for air quality. */
    private static final double MOLAR_VOLUME_L = 24.055;
    /** ug/m3 to ppm of ozone (48.00 g/mol) and nitrogen dioxide (46.01 g/mol) at those conditions. */
    private static final double O3_PPM = MOLAR_VOLUME_L / (48.00 * 1000);
    private static final double NO2_PPM = MOLAR_VOLUME_L / (46.01 * 1000);

    static final List<UcifiMapping> TABLE = List.of(
            // Outdoor lamp controller: Command (RW) sets the level, Dimming level (R) is the level in force.
            new UcifiMapping(LAMP_CONTROLLER, 1, "light.level", 1),
            new UcifiMapping(LAMP_CONTROLLER, 3, "light.level", 1),
            new UcifiMapping(LAMP_CONTROLLER, 4, "light.failsafe", 1),
            new UcifiMapping(LAMP_CONTROLLER, 5, "light.lamp-failure", 1),
            new UcifiMapping(LAMP_CONTROLLER, 7, "light.gear-failure", 1),
            new UcifiMapping(LAMP_CONTROLLER, 46, "light.power", 1),
            new UcifiMapping(LAMP_CONTROLLER, 47, "light.energy", 0.001), // Wh to kWh
            // Electrical monitor of the luminaire
            new UcifiMapping(ELECTRICAL_MONITOR, 4, "light.power", 1),
            new UcifiMapping(ELECTRICAL_MONITOR, 6, "light.energy", 1),
            new UcifiMapping(ELECTRICAL_MONITOR, 35, "light.level", 1),
            // Air quality: particles in ug/m3 as the platform measures them, gases in ppm as uCIFI defines them
            new UcifiMapping(AIR_QUALITY, 1, "air.pm10", 1),
            new UcifiMapping(AIR_QUALITY, 3, "air.pm25", 1),
            new UcifiMapping(AIR_QUALITY, 5, "air.pm1", 1),
            new UcifiMapping(AIR_QUALITY, 12, "air.o3", O3_PPM),
            new UcifiMapping(AIR_QUALITY, 15, "air.no2", NO2_PPM),
            // People counter
            new UcifiMapping(PEOPLE_COUNTER, 1, "count.presence", 1),
            new UcifiMapping(PEOPLE_COUNTER, 2, "count.today.pedestrian", 1));

    /** @return the rows of one object */
    static List<UcifiMapping> of(int object) {
        return TABLE.stream().filter(m -> m.object == object).toList();
    }
}
