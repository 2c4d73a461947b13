package org.lampyris.api.point;

import static org.lampyris.api.point.PointInfo.Interface.ACTUATOR;
import static org.lampyris.api.point.PointInfo.Interface.PARAMETER;
import static org.lampyris.api.point.PointInfo.Interface.SENSOR;
import static org.lampyris.api.point.ValueKind.BOOLEAN;
import static org.lampyris.api.point.ValueKind.STRUCTURED;
import static org.lampyris.api.point.ValueKind.NUMBER;
import static org.lampyris.api.point.ValueKind.TEXT;

import java.util.List;
import java.util.Optional;

import org.lampyris.api.point.PointInfo.Interface;

/**
 * The standard vocabulary: one path per meaning, whoever the vendor. When a city swaps one vendor's dimming plugin for
 * another's, {@code /light/level} stays {@code /light/level}, with the same unit and the same {@code rt} values, the
 * second of which is the uCIFI object/resource it corresponds to where there is one.
 * <p>
 * A plugin publishing a standard point takes its path and {@link #info() info} from here.
 */
public enum StandardPoint {
    LIGHT_LEVEL(Paths.LIGHT_LEVEL, "%", ACTUATOR, NUMBER, true, true, "Light level", "light.level", "ucifi:3416/3"),
    LIGHT_FAILSAFE(Paths.LIGHT_FAILSAFE, "%", PARAMETER, NUMBER, true, false, "Fail-safe light level",
            "light.failsafe", "ucifi:3416/4"),
    LIGHT_POWER(Paths.LIGHT_POWER, "W", SENSOR, NUMBER, false, true, "Luminaire power", "light.power",
            "ucifi:3416/46"),
    LIGHT_ENERGY(Paths.LIGHT_ENERGY, "Wh", SENSOR, NUMBER, false, true, "Luminaire energy", "light.energy",
            "ucifi:3416/47"),
    LIGHT_LAMP_FAILURE(Paths.LIGHT_LAMP_FAILURE, "", SENSOR, BOOLEAN, false, true, "Lamp failure",
            "light.lamp-failure", "ucifi:3416/5"),
    LIGHT_GEAR_FAILURE(Paths.LIGHT_GEAR_FAILURE, "", SENSOR, BOOLEAN, false, true, "Control gear failure",
            "light.gear-failure", "ucifi:3416/7"),
    AIR_PM1(Paths.AIR_PM1, "ug/m3", SENSOR, NUMBER, false, true, "PM1", "air.pm1", "ucifi:3428/5"),
    AIR_PM25(Paths.AIR_PM25, "ug/m3", SENSOR, NUMBER, false, true, "PM2.5", "air.pm25", "ucifi:3428/3"),
    AIR_PM10(Paths.AIR_PM10, "ug/m3", SENSOR, NUMBER, false, true, "PM10", "air.pm10", "ucifi:3428/1"),
    AIR_NO2(Paths.AIR_NO2, "ug/m3", SENSOR, NUMBER, false, true, "Nitrogen dioxide", "air.no2", "ucifi:3428/15"),
    AIR_O3(Paths.AIR_O3, "ug/m3", SENSOR, NUMBER, false, true, "Ozone", "air.o3", "ucifi:3428/12"),
    AIR_TEMPERATURE(Paths.AIR_TEMPERATURE, "Cel", SENSOR, NUMBER, false, true, "Air temperature", "air.temperature"),
    AIR_HUMIDITY(Paths.AIR_HUMIDITY, "%RH", SENSOR, NUMBER, false, true, "Relative humidity", "air.humidity"),
    AIR_EAQI(Paths.AIR_EAQI, "", SENSOR, NUMBER, false, true, "European Air Quality Index band, 1 (good) to 6",
            "air.eaqi"),
    AIR_STATUS(Paths.AIR_STATUS, "", SENSOR, STRUCTURED, false, true, "Health of each air sensor channel",
            "air.status"),
    AIR_ALERT(Paths.AIR_ALERT, "", SENSOR, STRUCTURED, false, true, "Threshold alerts in force", "air.alert"),
    EV_STATE(Paths.EV_STATE, "", SENSOR, TEXT, false, true, "IEC 61851 state A-F", "ev.state"),
    EV_CURRENT(Paths.EV_CURRENT, "A", SENSOR, NUMBER, false, true, "Charging current", "ev.current"),
    EV_LIMIT(Paths.EV_LIMIT, "A", PARAMETER, NUMBER, true, true, "Charging current limit", "ev.limit"),
    EV_POWER(Paths.EV_POWER, "W", SENSOR, NUMBER, false, true, "Charging power", "ev.power"),
    EV_ENERGY(Paths.EV_ENERGY, "Wh", SENSOR, NUMBER, false, true, "Charging energy", "ev.energy"),
    EV_SESSIONS(Paths.EV_SESSIONS, "", SENSOR, STRUCTURED, false, true, "Recent charging sessions; POST an identifier "
            + "to authorise a session", true, "ev.sessions"),
    COUNT_PRESENCE(Paths.COUNT_PRESENCE, "", SENSOR, NUMBER, false, true, "Road users present now", "count.presence",
            "ucifi:3434/1"),
    COUNT_PEDESTRIAN(Paths.COUNT_PEDESTRIAN, "", SENSOR, NUMBER, false, true,
            "Pedestrians counted in the current interval", "count.pedestrian"),
    COUNT_CYCLIST(Paths.COUNT_CYCLIST, "", SENSOR, NUMBER, false, true, "Cyclists counted in the current interval",
            "count.cyclist"),
    COUNT_VEHICLE(Paths.COUNT_VEHICLE, "", SENSOR, NUMBER, false, true, "Vehicles counted in the current interval",
            "count.vehicle"),
    COUNT_PEDESTRIAN_TODAY(Paths.COUNT_PEDESTRIAN_TODAY, "", SENSOR, NUMBER, false, true, "Pedestrians counted today",
            "count.today.pedestrian", "ucifi:3434/2"),
    COUNT_CYCLIST_TODAY(Paths.COUNT_CYCLIST_TODAY, "", SENSOR, NUMBER, false, true, "Cyclists counted today",
            "count.today.cyclist"),
    COUNT_VEHICLE_TODAY(Paths.COUNT_VEHICLE_TODAY, "", SENSOR, NUMBER, false, true, "Vehicles counted today",
            "count.today.vehicle"),
    COUNT_INTERVALS(Paths.COUNT_INTERVALS, "", SENSOR, STRUCTURED, false, true,
            "Counts of the recent intervals per class and direction", "count.intervals");

    /**
     * The standard paths as constants, for {@link PointPath} annotations: {@code @PointPath(StandardPoint.Paths.LIGHT_LEVEL)}.
     * The enum constants take their paths from here, so that a standard path is spelled in this one place.
     */
    public static final class Paths {
        public static final String LIGHT_LEVEL = "/light/level";
        public static final String LIGHT_FAILSAFE = "/light/failsafe";
        public static final String LIGHT_POWER = "/light/power";
        public static final String LIGHT_ENERGY = "/light/energy";
        public static final String LIGHT_LAMP_FAILURE = "/light/lamp-failure";
        public static final String LIGHT_GEAR_FAILURE = "/light/gear-failure";
        public static final String AIR_PM1 = "/air/pm1";
        public static final String AIR_PM25 = "/air/pm25";
        public static final String AIR_PM10 = "/air/pm10";
        public static final String AIR_NO2 = "/air/no2";
        public static final String AIR_O3 = "/air/o3";
        public static final String AIR_TEMPERATURE = "/air/temperature";
        public static final String AIR_HUMIDITY = "/air/humidity";
        public static final String AIR_EAQI = "/air/eaqi";
        public static final String AIR_STATUS = "/air/status";
        public static final String AIR_ALERT = "/air/alert";
        public static final String EV_STATE = "/ev/state";
        public static final String EV_CURRENT = "/ev/current";
        public static final String EV_LIMIT = "/ev/limit";
        public static final String EV_POWER = "/ev/power";
        public static final String EV_ENERGY = "/ev/energy";
        public static final String EV_SESSIONS = "/ev/sessions";
        public static final String COUNT_PRESENCE = "/count/presence";
        public static final String COUNT_PEDESTRIAN = "/count/pedestrian";
        public static final String COUNT_CYCLIST = "/count/cyclist";
        public static final String COUNT_VEHICLE = "/count/vehicle";
        public static final String COUNT_PEDESTRIAN_TODAY = "/count/today/pedestrian";
        public static final String COUNT_CYCLIST_TODAY = "/count/today/cyclist";
        public static final String COUNT_VEHICLE_TODAY = "/count/today/vehicle";
        public static final String COUNT_INTERVALS = "/count/intervals";

        private Paths() {
        }
    }

    private final String path;
    private final PointInfo info;

    StandardPoint(String path, String unit, Interface iface, ValueKind kind, boolean writable, boolean observable,
            String title, String... resourceTypes) {
        this(path, unit, iface, kind, writable, observable, title, false, resourceTypes);
    }

    StandardPoint(String path, String unit, Interface iface, ValueKind kind, boolean writable, boolean observable,
            String title, boolean postable, String... resourceTypes) {
        this.path = path;
        this.info = new PointInfo(unit, List.of(resourceTypes), iface, kind, writable, observable, title, postable);
    }

    /** @return the path of this point, for {@link PointPath} */
    public String path() {
        return path;
    }

    /** @return the unit, types and access of this point */
    public PointInfo info() {
        return info;
    }

    /**
     * @param path a path such as {@code /light/level}
     * @return the standard point with that path, if there is one
     */
    public static Optional<StandardPoint> forPath(String path) {
        for (StandardPoint p : values()) {
            if (p.path.equals(path)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
