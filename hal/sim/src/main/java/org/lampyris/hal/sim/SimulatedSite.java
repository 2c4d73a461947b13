package org.lampyris.hal.sim;

import org.lampyris.hal.Site;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The location of the simulated post, from configuration. */
@Component(configurationPid = SimulatedSite.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = SimulatedSite.Config.class)
public class SimulatedSite implements Site {
    static final String PID = "org.lampyris.hal.sim.site";
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedSite.class);

    /** The configuration of the simulated site. */
    @ObjectClassDefinition(id = PID, name = "Lampyris simulated site", description = "Where the simulated post stands.")
    public @interface Config {
        @AttributeDefinition(name = "Latitude", description = "Degrees north, -90 to 90 (WGS 84).", min = "-90",
                max = "90")
        double latitude() default 52.3676;

        @AttributeDefinition(name = "Longitude", description = "Degrees east, -180 to 180 (WGS 84).", min = "-180",
                max = "180")
        double longitude() default 4.9041;
    }

    private final double latitude;
    private final double longitude;

    @Activate
    public SimulatedSite(Config config) {
        this.latitude = bounded("latitude", config.latitude(), 90, 52.3676);
        this.longitude = bounded("longitude", config.longitude(), 180, 4.9041);
        LOG.info("Simulated post stands at {}, {}", latitude, longitude);
    }

    private static double bounded(String name, double value, double limit, double fallback) {
        if (value >= -limit && value <= limit) {
            return value;
        }
        LOG.error("Site {} {} is outside -{}..{}: using {}", name, value, limit, limit, fallback);
        return fallback;
    }

    @Override
    public double latitude() {
        return latitude;
    }

    @Override
    public double longitude() {
        return longitude;
    }
}
