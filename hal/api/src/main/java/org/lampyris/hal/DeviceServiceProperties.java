package org.lampyris.hal;

/**
 * Service properties that a driver of a real device puts on the HAL service it registers (a {@code Luminaire}, say),
 * and keeps current, so that {@code /mgmt/health} lists every real device with its state without knowing any driver.
 * The simulator sets none of them.
 */
public final class DeviceServiceProperties {

    /** The device's name as configured (a {@code String}): the name of its factory configuration. */
    public static final String NAME = "lampyris.device.name";

    /** What the device is, for an engineer (a {@code String}): the driver, the profile and its address. */
    public static final String DESCRIPTION = "lampyris.device.description";

    /** Whether the device answers now (a {@code Boolean}). */
    public static final String AVAILABLE = "lampyris.device.available";

    /** Why the device is unavailable (a {@code String}); absent while it answers. */
    public static final String REASON = "lampyris.device.reason";

    private DeviceServiceProperties() {
    }
}
