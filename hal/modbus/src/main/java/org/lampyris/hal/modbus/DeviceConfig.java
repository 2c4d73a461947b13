package org.lampyris.hal.modbus;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One Modbus device of the post, as a factory configuration: {@code conf/org.lampyris.hal.modbus.device~NAME.cfg}.
 * A device is reached over Modbus TCP ({@code host}, {@code port}) or over Modbus RTU on a serial line
 * ({@code serial_device} and its line settings).
 */
@ObjectClassDefinition(id = DeviceConfig.FACTORY_PID, name = "Lampyris Modbus device",
        description = "A real device under the HAL, reached over Modbus TCP or RTU and described by a device profile.")
public @interface DeviceConfig {
    /** The factory PID of device configurations. */
    String FACTORY_PID = "org.lampyris.hal.modbus.device";

    @AttributeDefinition(name = "Host", description = "Modbus TCP: host name or IP address of the device or its "
            + "gateway. Leave empty for a device on a serial line.", required = false)
    String host() default "";

    @AttributeDefinition(name = "Port", description = "Modbus TCP port.", min = "1", max = "65535")
    int port() default 502;

    @AttributeDefinition(name = "Serial device", description = "Modbus RTU: the serial device (/dev/ttyUSB0, "
            + "/dev/ttyAMA0) the device is wired to. Leave empty for Modbus TCP.", required = false)
    String serial_device() default "";

    @AttributeDefinition(name = "Baud", description = "Modbus RTU: bit rate of the serial line.", min = "300",
            max = "921600")
    int baud() default 9600;

    @AttributeDefinition(name = "Data bits", description = "Modbus RTU: 8, or 7.", min = "7", max = "8")
    int data_bits() default 8;

    @AttributeDefinition(name = "Parity", description = "Modbus RTU: none, even or odd.")
    String parity() default "none";

    @AttributeDefinition(name = "Stop bits", description = "Modbus RTU: 1 or 2.", min = "1", max = "2")
    int stop_bits() default 1;

    @AttributeDefinition(name = "Unit id", description = "Modbus unit (slave) id of the device behind the address.",
            min = "0", max = "255")
    int unit_id() default 1;

    @AttributeDefinition(name = "Profile", description = "The device profile: a file conf/modbus/NAME.json, or one "
            + "shipped with the driver (dali2-d4i-gateway, dali2-gateway, eastron-sdm630, phoenix-ev-charge-control, "
            + "sensorbee-air-rtu).")
    String profile();

    @AttributeDefinition(name = "Poll period (ms)", description = "How often every value of the device is read.",
            min = "50")
    int poll_ms() default 1000;

    @AttributeDefinition(name = "Timeout (ms)", description = "How long connecting and each answer may take before "
            + "the device counts as not answering.", min = "50")
    int timeout_ms() default 1000;

    @AttributeDefinition(name = "Longest backoff (ms)", description = "After a failure the driver tries again after "
            + "the poll period, doubling the wait after each further failure up to this.", min = "100")
    int backoff_max_ms() default 30000;

    @AttributeDefinition(name = "Rated power (W)", description = "A luminaire's power at 100 %; 0 takes the "
            + "profile's.", min = "0")
    double rated_power() default 0;

    @AttributeDefinition(name = "Meters", description = "An energy meter's load: the name of the device it measures "
            + "(the luminaire's configuration is org.lampyris.hal.modbus.device~NAME), whose power and energy it "
            + "supplies where that device has no metering of its own. Empty: the post's luminaire.", required = false)
    String meters() default "";

    @AttributeDefinition(name = "Phases", description = "A charge controller's phases, 1 or 3.", min = "1",
            max = "3")
    int phases() default 1;

    @AttributeDefinition(name = "Voltage (V)", description = "A charge controller's phase voltage.", min = "1")
    double voltage() default 230;
}
