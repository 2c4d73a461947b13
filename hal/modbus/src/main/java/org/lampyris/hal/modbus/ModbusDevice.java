package org.lampyris.hal.modbus;

import java.nio.file.Path;
import java.util.Hashtable;
import java.util.Map;

import org.lampyris.hal.DeviceServiceProperties;
import org.lampyris.hal.TimeSource;
import org.lampyris.hal.luminaire.Luminaire;
import org.lampyris.hal.luminaire.LuminaireInfo;
import org.lampyris.hal.modbus.profile.DeviceKind;
import org.lampyris.hal.modbus.profile.DeviceProfile;
import org.lampyris.hal.modbus.profile.ProfileLibrary;
import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured Modbus device: loads its profile, polls it on a thread of its own and registers what it is under
 * the HAL. A luminaire profile makes it the post's {@link Luminaire} (the simulated one steps back while it is
 * registered); a meter is polled and shown in health, and is not yet bound to a HAL role. Every registration carries
 * the {@link DeviceServiceProperties}, kept current, so that {@code /mgmt/health} shows whether it answers and why
 * not. Without a configuration nothing of this bundle runs.
 */
// The service is registered by hand (see above), so the resolver is told that this bundle offers it.
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.lampyris.hal.luminaire.Luminaire")
@Component(service = {}, configurationPid = DeviceConfig.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = DeviceConfig.class, factory = true)
public class ModbusDevice {
    /** The framework property naming the post's conf/ folder, where profiles of its own live in modbus/. */
    static final String CONF_DIR = "lampyris.conf.dir";
    private static final Logger LOG = LoggerFactory.getLogger(ModbusDevice.class);

    private final String name;
    private final String description;
    private final DevicePoller poller;
    private final ServiceRegistration<?> registration;
    private final Hashtable<String, Object> properties = new Hashtable<>();

    @Activate
    public ModbusDevice(BundleContext context, @Reference TimeSource time, DeviceConfig config,
            Map<String, Object> componentProperties) {
        this.name = nameOf(componentProperties);
        if (config.host() == null || config.host().isBlank()) {
            throw new IllegalArgumentException("Modbus device " + name + ": 'host' is not set");
        }
        String confDir = context.getProperty(CONF_DIR);
        DeviceProfile profile = new ProfileLibrary(confDir == null ? null : Path.of(confDir)).load(config.profile());
        Bus bus = new TcpBus(config.host(), config.port(), config.unit_id(), Math.max(50, config.timeout_ms()));
        this.description = "Modbus device " + name + " (" + profile.id() + " at " + bus.address() + ")";
        long poll = Math.max(50, config.poll_ms());
        DevicePoller.Timing timing = new DevicePoller.Timing(poll, Math.max(poll, config.backoff_max_ms()));
        properties.put(DeviceServiceProperties.NAME, name);
        properties.put(DeviceServiceProperties.DESCRIPTION, description);
        properties.put(DeviceServiceProperties.AVAILABLE, Boolean.FALSE);
        properties.put(DeviceServiceProperties.REASON, "not read yet");
        properties.put(Constants.SERVICE_DESCRIPTION, description);
        if (profile.kind() == DeviceKind.LUMINAIRE) {
            double rated = config.rated_power() > 0 ? config.rated_power() : profile.ratedPowerWatts();
            ModbusLuminaire[] luminaire = new ModbusLuminaire[1];
            this.poller = new DevicePoller(name, bus, profile, timing, status -> {
                luminaire[0].polled(status);
                statusChanged(status);
            });
            LuminaireInfo info = new LuminaireInfo(profile.vendor(), profile.model(), rated);
            luminaire[0] = new ModbusLuminaire("Modbus device " + name, description, info, profile, poller, time);
            this.registration = context.registerService(Luminaire.class, luminaire[0], properties);
        } else {
            this.poller = new DevicePoller(name, bus, profile, timing, this::statusChanged);
            this.registration = context.registerService(ModbusDevice.class, this, properties);
        }
        poller.start();
        LOG.info("{}: a {} of {}, polled every {} ms", description, profile.kind().name().toLowerCase(),
                profile.vendor(), poll);
    }

    @Deactivate
    void deactivate() {
        try {
            registration.unregister();
        } catch (IllegalStateException e) {
            // Gone with the bundle already.
        }
        poller.close();
    }

    /** @return the values of the last poll, empty while the device does not answer; for a meter */
    public Map<String, Double> values() {
        return poller.status().values();
    }

    private synchronized void statusChanged(DeviceStatus status) {
        boolean available = status.isAvailable();
        String reason = available ? null : status.reason() + " (since " + status.time() + ")";
        if (Boolean.valueOf(available).equals(properties.get(DeviceServiceProperties.AVAILABLE))
                && java.util.Objects.equals(reason, properties.get(DeviceServiceProperties.REASON))) {
            return;
        }
        properties.put(DeviceServiceProperties.AVAILABLE, available);
        if (available) {
            properties.remove(DeviceServiceProperties.REASON);
        } else {
            properties.put(DeviceServiceProperties.REASON, reason);
        }
        ServiceRegistration<?> r = registration;
        if (r != null) {
            try {
                r.setProperties(properties);
            } catch (IllegalStateException e) {
                // Unregistered while the poller was still running: nobody is left to tell.
            }
        }
    }

    /** @return the name of the factory configuration: what follows the '~' of its PID */
    private static String nameOf(Map<String, Object> properties) {
        String pid = String.valueOf(properties.get(Constants.SERVICE_PID));
        int tilde = pid.lastIndexOf('~');
        return tilde >= 0 ? pid.substring(tilde + 1) : pid;
    }
}
