package org.lampyris.hal.modbus;

import java.nio.file.Path;
import java.util.Hashtable;
import java.util.Map;

import org.lampyris.hal.DeviceServiceProperties;
import org.lampyris.hal.TimeSource;
import org.lampyris.hal.air.AirQualitySensor;
import org.lampyris.hal.ev.EvSupplyEquipment;
import org.lampyris.hal.luminaire.Luminaire;
import org.lampyris.hal.luminaire.LuminaireInfo;
import org.lampyris.hal.meter.EnergyMeter;
import org.lampyris.hal.modbus.profile.DeviceKind;
import org.lampyris.hal.modbus.profile.DeviceProfile;
import org.lampyris.hal.modbus.profile.ProfileLibrary;
import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured Modbus device, over TCP or RTU: loads its profile, polls it on a thread of its own and registers
 * what it is under the HAL. A luminaire profile makes it the post's {@link Luminaire}, a charge controller its
 * {@link EvSupplyEquipment}, an air sensor its {@link AirQualitySensor} (the simulated one of each steps back while a
 * real one is registered); a meter becomes an {@link EnergyMeter}, carrying {@link EnergyMeter#METERS} when its
 * configuration names the device it measures. A luminaire whose profile maps no power and energy tracks the energy
 * meters that name it (or name none) and takes them from the one it prefers. Every registration carries
 * the {@link DeviceServiceProperties}, kept current, so that {@code /mgmt/health} shows whether it answers and why
 * not. Without a configuration nothing of this bundle runs.
 */
// The service is registered by hand (see above), so the resolver is told that this bundle offers it.
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.lampyris.hal.luminaire.Luminaire")
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.lampyris.hal.ev.EvSupplyEquipment")
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.lampyris.hal.air.AirQualitySensor")
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.lampyris.hal.meter.EnergyMeter")
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
    private final ServiceTracker<EnergyMeter, EnergyMeter> meters;
    private final Hashtable<String, Object> properties = new Hashtable<>();

    @Activate
    public ModbusDevice(BundleContext context, @Reference TimeSource time, DeviceConfig config,
            Map<String, Object> componentProperties) {
        this.name = nameOf(componentProperties);
        String confDir = context.getProperty(CONF_DIR);
        DeviceProfile profile = new ProfileLibrary(confDir == null ? null : Path.of(confDir)).load(config.profile());
        Bus bus = bus(name, config);
        this.description = "Modbus device " + name + " (" + profile.id() + " at " + bus.address() + ")";
        long poll = Math.max(50, config.poll_ms());
        DevicePoller.Timing timing = new DevicePoller.Timing(poll, Math.max(poll, config.backoff_max_ms()));
        properties.put(DeviceServiceProperties.NAME, name);
        properties.put(DeviceServiceProperties.DESCRIPTION, description);
        properties.put(DeviceServiceProperties.AVAILABLE, Boolean.FALSE);
        properties.put(DeviceServiceProperties.REASON, "not read yet");
        properties.put(Constants.SERVICE_DESCRIPTION, description);
        ServiceTracker<EnergyMeter, EnergyMeter> tracker = null;
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
            if (!luminaire[0].hasOwnMetering()) {
                tracker = meterTracker(context, luminaire[0]);
            }
        } else if (profile.kind() == DeviceKind.CHARGER) {
            int phases = config.phases() == 3 ? 3 : 1;
            double voltage = config.voltage() > 0 ? config.voltage() : 230;
            ModbusEvse[] evse = new ModbusEvse[1];
            this.poller = new DevicePoller(name, bus, profile, timing, status -> {
                evse[0].polled(status);
                statusChanged(status);
            });
            evse[0] = new ModbusEvse(description, profile, phases, voltage, poller, time);
            this.registration = context.registerService(EvSupplyEquipment.class, evse[0], properties);
        } else if (profile.kind() == DeviceKind.AIR_SENSOR) {
            this.poller = new DevicePoller(name, bus, profile, timing, this::statusChanged);
            this.registration = context.registerService(AirQualitySensor.class,
                    new ModbusAirSensor("Modbus device " + name, profile, poller, time), properties);
        } else {
            String meters = config.meters() == null ? "" : config.meters().trim();
            if (!meters.isEmpty()) {
                properties.put(EnergyMeter.METERS, meters);
            }
            ModbusEnergyMeter[] meter = new ModbusEnergyMeter[1];
            this.poller = new DevicePoller(name, bus, profile, timing, status -> {
                meter[0].polled(status);
                statusChanged(status);
            });
            meter[0] = new ModbusEnergyMeter("Modbus device " + name, poller, time);
            this.registration = context.registerService(EnergyMeter.class, meter[0], properties);
        }
        this.meters = tracker;
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
        if (meters != null) {
            meters.close();
        }
        poller.close();
    }

    /**
     * Tracks the energy meters that measure a luminaire without metering of its own: those naming it, else those
     * naming no device; the luminaire takes its power and energy from the one preferred (naming it first, then by
     * service ranking), and moves to another when that one goes.
     */
    private ServiceTracker<EnergyMeter, EnergyMeter> meterTracker(BundleContext context, ModbusLuminaire luminaire) {
        String filter = "(&(" + Constants.OBJECTCLASS + "=" + EnergyMeter.class.getName() + ")(|("
                + EnergyMeter.METERS + "=" + escaped(name) + ")(!(" + EnergyMeter.METERS + "=*))))";
        Map<ServiceReference<EnergyMeter>, EnergyMeter> found = new java.util.HashMap<>();
        Runnable choose = () -> {
            Map.Entry<ServiceReference<EnergyMeter>, EnergyMeter> best;
            synchronized (found) {
                best = found.entrySet().stream().max(java.util.Comparator
                        .comparing((Map.Entry<ServiceReference<EnergyMeter>, EnergyMeter> e) -> name.equals(
                                e.getKey().getProperty(EnergyMeter.METERS)))
                        .thenComparing(Map.Entry::getKey)).orElse(null);
            }
            luminaire.meteredBy(best == null ? null : best.getValue(),
                    best == null ? null : String.valueOf(best.getKey().getProperty(Constants.SERVICE_DESCRIPTION)));
        };
        ServiceTracker<EnergyMeter, EnergyMeter> tracker;
        try {
            tracker = new ServiceTracker<>(context, FrameworkUtil.createFilter(filter), null) {
                @Override
                public EnergyMeter addingService(ServiceReference<EnergyMeter> reference) {
                    EnergyMeter meter = context.getService(reference);
                    if (meter == null) {
                        return null;
                    }
                    synchronized (found) {
                        found.put(reference, meter);
                    }
                    choose.run();
                    return meter;
                }

                @Override
                public void modifiedService(ServiceReference<EnergyMeter> reference, EnergyMeter service) {
                    choose.run();
                }

                @Override
                public void removedService(ServiceReference<EnergyMeter> reference, EnergyMeter service) {
                    synchronized (found) {
                        found.remove(reference);
                    }
                    choose.run();
                    context.ungetService(reference);
                }
            };
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("Modbus device " + name + ": its name makes no filter: " + filter, e);
        }
        tracker.open();
        LOG.info("Modbus device {}: its profile maps no power and energy: an energy meter naming it (meters = {}) "
                + "supplies them", name, name);
        return tracker;
    }

    /** @return a value escaped for an LDAP filter (RFC 4515 as OSGi filters take it) */
    private static String escaped(String value) {
        return value.replaceAll("([\\*()])", "\\$1");
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

    /** @return the device's bus: RTU when a serial device is configured, TCP otherwise */
    private static Bus bus(String name, DeviceConfig config) {
        int timeout = Math.max(50, config.timeout_ms());
        boolean serial = config.serial_device() != null && !config.serial_device().isBlank();
        boolean tcp = config.host() != null && !config.host().isBlank();
        if (serial == tcp) {
            throw new IllegalArgumentException("Modbus device " + name + ": set either 'host' (Modbus TCP) or "
                    + "'serial.device' (Modbus RTU)" + (serial ? ", not both" : ""));
        }
        if (tcp) {
            return MasterBus.tcp(config.host(), config.port(), config.unit_id(), timeout);
        }
        try {
            return MasterBus.rtu(SerialLine.of(config.serial_device(), config.baud(), config.data_bits(),
                    config.parity(), config.stop_bits()), config.unit_id(), timeout);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Modbus device " + name + ": " + e.getMessage(), e);
        }
    }

    /** @return the name of the factory configuration: what follows the '~' of its PID */
    private static String nameOf(Map<String, Object> properties) {
        String pid = String.valueOf(properties.get(Constants.SERVICE_PID));
        int tilde = pid.lastIndexOf('~');
        return tilde >= 0 ? pid.substring(tilde + 1) : pid;
    }
}
