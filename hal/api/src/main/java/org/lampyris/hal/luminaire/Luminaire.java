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
 * rather than report its last state; a level (or system failure level) set meanwhile is applied when the luminaire
 * answers again, and listeners hear nothing until then.
 * <p>
 * Power and energy come from the luminaire's own metering (D4i energy reporting, a simulated meter) or, where it has
 * none, from the {@link org.lampyris.hal.meter.EnergyMeter} on its feed. Such a luminaire's state is whole only with
 * its meter's reading: while no meter measures it, or its meter cannot be read, {@link #state()} throws
 * {@link org.lampyris.hal.DeviceUnavailableException} saying so (the meter's reason included), and a level set
 * meanwhile is still applied.
 * <p>
 * Every implementation, the simulator's and each driver with its device profile, passes the same contract suite
 * ({@code org.lampyris.hal.contract.LuminaireContract}); where this interface was silent, the suite and this
 * documentation say the same:
 * <ul>
 * <li>a level or system failure level outside 0–100 % (or NaN) is refused, never clamped, and changes nothing; a
 * driver whose device has narrower limits clamps to them and reports the clamped level as the target;</li>
 * <li>from the moment {@link #setLevel} returns, {@link LuminaireState#targetLevel()} is the new target, never the
 * old one again (a driver writes on a thread of its own and reads back afterwards);</li>
 * <li>during a fade the level moves only between where it was and the target, and reaches the target once the fade
 * time has passed (plus, on real hardware, a poll period);</li>
 * <li>once its component is deactivated a luminaire calls no listener and leaves no thread running.</li>
 * </ul>
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
     * @throws IllegalArgumentException if the level is outside 0–100 or NaN, or the fade is negative; the message
     *     names the value refused
     * @throws NullPointerException if the fade is null
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

    /** @return the system failure level last set (or, before any, the one the device holds), 0–100 */
    double systemFailureLevel();

    /**
     * Registers a listener called whenever the state changes noticeably: level steps, failures appearing or clearing,
     * power or energy moving. Listeners are called on a driver thread, never the caller's, and must return quickly;
     * one that throws is logged and keeps its subscription, and the others are still called.
     *
     * @param listener receives each new state
     * @return the subscription to close when no longer interested
     */
    Subscription onChange(Consumer<LuminaireState> listener);
}
