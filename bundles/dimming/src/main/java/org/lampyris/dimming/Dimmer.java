package org.lampyris.dimming;

import java.time.Duration;
import java.util.function.Consumer;

import org.lampyris.api.Subscription;
import org.lampyris.api.lighting.LightingControl;
import org.lampyris.api.lighting.LightingStatus;
import org.lampyris.api.point.InvalidValueException;
import org.lampyris.hal.TimeSource;
import org.lampyris.hal.luminaire.Luminaire;
import org.lampyris.hal.luminaire.LuminaireState;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the luminaire and provides the lighting capability. While this component is active it is in control of the
 * light; when it goes away, the platform's fail-safe takes over. The points of this bundle read and drive the light
 * through it.
 */
@Component(service = { LightingControl.class, Dimmer.class }, configurationPid = DimmingConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = DimmingConfig.class)
public class Dimmer implements LightingControl {
    private static final Logger LOG = LoggerFactory.getLogger(Dimmer.class);

    private final Luminaire luminaire;
    private final TimeSource time;
    private final Duration fade;

    @Activate
    public Dimmer(@Reference Luminaire luminaire, @Reference TimeSource time, DimmingConfig config) {
        this.luminaire = luminaire;
        this.time = time;
        this.fade = Duration.ofMillis(config.fade_ms());
        luminaire.setLevel(clamp(config.initial_level()), Duration.ZERO);
        LOG.info("Dimming holds the luminaire ({} {}), level {} %", luminaire.info().vendor(),
                luminaire.info().model(), clamp(config.initial_level()));
    }

    /**
     * Sets the light level at an operator's request, fading over the configured fade time.
     *
     * @throws InvalidValueException if the level is outside 0-100 %
     */
    public void setLevel(double percent) throws InvalidValueException {
        if (!(percent >= 0 && percent <= 100)) {
            throw new InvalidValueException("level must be between 0 and 100 %, got " + format(percent));
        }
        luminaire.setLevel(percent, fade);
    }

    @Override
    public LightingStatus status() {
        return toStatus(luminaire.state());
    }

    @Override
    public Subscription onChange(Consumer<LightingStatus> listener) {
        org.lampyris.hal.Subscription s = luminaire.onChange(state -> listener.accept(toStatus(state)));
        return s::close;
    }

    /** @return the post's clock, for timestamps */
    TimeSource time() {
        return time;
    }

    /** The level reported is the level the light is set to, which a fade is moving towards. */
    private static LightingStatus toStatus(LuminaireState s) {
        return new LightingStatus(s.time(), s.targetLevel(), s.powerWatts(), s.energyWattHours(), s.lampFailure(),
                s.gearFailure());
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    private static double clamp(double level) {
        return Math.max(0, Math.min(100, level));
    }
}
