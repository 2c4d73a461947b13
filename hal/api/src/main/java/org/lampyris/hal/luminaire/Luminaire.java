package org.lampyris.hal.luminaire;

import java.time.Duration;
import java.util.function.Consumer;

import org.lampyris.hal.Subscription;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The driver of one luminaire: LED driver and control gear as DALI (IEC 62386) describes them. Levels are percentages
 * of full light output, 0 meaning off.
 * <p>
 * Implementations are thread-safe and never block for long: a level change starts a fade and returns. A driver of a
 * real luminaire that cannot reach it throws {@link org.lampyris.hal.DeviceUnavailableException} from {@link #state()}
 * rather than report its last state; a level set meanwhile is applied when the luminaire answers again.
 */
@ProviderType
public interface Luminaire {

    /** @return what the luminaire is: vendor, model and rated power */
    LuminaireInfo info();

    /**
     * Starts a fade to a new light level.
     *
     * @param percent the target level, 0–100
     * @param fade how long the fade takes; {@link Duration#ZERO} switches at once
     * @throws IllegalArgumentException if the level is outside 0–100 or the fade is negative
     */
    void setLevel(double percent, Duration fade);

    /**
     * @return the current state: actual and target level, power, energy, failures
     * @throws org.lampyris.hal.DeviceUnavailableException if a real luminaire cannot be read now, with the reason
     */
    LuminaireState state();

    /**
     * Sets the level the control gear goes to on its own when it loses its controller (DALI's
     * "system failure level"), so that a street stays lit even if the controller itself dies.
     *
     * @param percent 0–100
     * @throws IllegalArgumentException if outside 0–100
     */
    void setSystemFailureLevel(double percent);

    /** @return the configured system failure level, 0–100 */
    double systemFailureLevel();

    /**
     * Registers a listener called whenever the state changes noticeably: level steps, failures appearing or clearing,
     * power or energy moving. Listeners are called on a driver thread and must return quickly.
     *
     * @param listener receives each new state
     * @return the subscription to close when no longer interested
     */
    Subscription onChange(Consumer<LuminaireState> listener);
}
