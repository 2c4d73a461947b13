package org.lampyris.hal.modbus;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One Modbus TCP device of the post, as a factory configuration: {@code conf/org.lampyris.hal.modbus.device~NAME.cfg}.
 */
@ObjectClassDefinition(id = DeviceConfig.FACTORY_PID, name = "Lampyris Modbus device",
        description = "A real device under the HAL, reached over Modbus TCP and described by a device profile.")
public @interface DeviceConfig {
    /** The factory PID of device configurations. */
    String FACTORY_PID = "org.lampyris.hal.modbus.device";

    @AttributeDefinition(name = "Host", description = "Host name or IP address of the device or its gateway.")
    String host();

    @AttributeDefinition(name = "Port", description = "Modbus TCP port.", min = "1", max = "65535")
    int port() default 502;

    @AttributeDefinition(name = "Unit id", description = "Modbus unit (slave) id of the device behind the address.",
            min = "0", max = "255")
    int unit_id() default 1;

    @AttributeDefinition(name = "Profile", description = "The device profile: a file conf/modbus/NAME.json, or one "
            + "shipped with the driver (dali2-d4i-gateway, eastron-sdm630).")
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
}
